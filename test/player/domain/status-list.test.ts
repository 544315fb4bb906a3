import { gunzipSync, gzipSync } from "node:zlib";
import { expect } from "chai";
import { encodeStatusList, isStatusBitSet, minimumStatusListBits, StatusListFormatError } from "../../../player/domain/status-list.js";

describe("bitstring status list", () => {
  it("sets exactly the given bits, index 0 being the first byte's most significant bit", () => {
    const encoded = encodeStatusList([0, 9, 131_071]);
    expect(encoded.startsWith("u")).to.equal(true);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(bytes.length * 8).to.equal(minimumStatusListBits);
    expect(bytes[0]).to.equal(0x80);
    expect(bytes[1]).to.equal(0x40);
    expect(bytes[bytes.length - 1]).to.equal(0x01);
    for (const index of [0, 9, 131_071]) expect(isStatusBitSet(encoded, index)).to.equal(true);
    for (const index of [1, 8, 10, 131_070]) expect(isStatusBitSet(encoded, index)).to.equal(false);
  });

  it("grows in multiples of the minimum length when an index is beyond it", () => {
    const encoded = encodeStatusList([131_072]);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(bytes.length * 8).to.equal(2 * minimumStatusListBits);
    expect(isStatusBitSet(encoded, 131_072)).to.equal(true);
  });

  it("gives the same encodedList for the same bits", () => {
    expect(encodeStatusList([3, 5])).to.equal(encodeStatusList([5, 3]));
    expect(encodeStatusList([3])).to.not.equal(encodeStatusList([4]));
  });

  it("refuses lists that are not multibase GZIP data, and indexes outside the list", () => {
    expect(() => isStatusBitSet("z123", 0)).to.throw(StatusListFormatError, /multibase/);
    expect(() => isStatusBitSet(`u${Buffer.from("plain").toString("base64url")}`, 0)).to.throw(StatusListFormatError, /GZIP/);
    const short = `u${gzipSync(Buffer.alloc(2)).toString("base64url")}`;
    expect(() => isStatusBitSet(short, 16)).to.throw(StatusListFormatError, /outside/);
    expect(() => encodeStatusList([-1])).to.throw(RangeError);
  });
});
