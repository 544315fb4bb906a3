import { expect } from "chai";
import { TokenBuckets } from "../../../player/http/rate-limit.js";

describe("token buckets (rate limit)", () => {
  it("allows the burst, then one request per refill interval, per client", () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 2, perMinute: 6 }, () => new Date(now));
    expect(buckets.take("a").allowed).to.equal(true);
    expect(buckets.take("a").allowed).to.equal(true);
    expect(buckets.take("a")).to.deep.equal({ allowed: false, retryAfterSeconds: 10 });
    expect(buckets.take("b").allowed).to.equal(true);
    now += 5_000;
    expect(buckets.take("a")).to.deep.equal({ allowed: false, retryAfterSeconds: 5 });
    now += 5_000;
    expect(buckets.take("a").allowed).to.equal(true);
    now += 3_600_000;
    // A long pause refills to the burst, never beyond it.
    expect(buckets.take("a").allowed).to.equal(true);
    expect(buckets.take("a").allowed).to.equal(true);
    expect(buckets.take("a").allowed).to.equal(false);
  });

  it("forgets the least recently seen clients beyond its size, so memory stays bounded", () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, () => new Date(0), 2);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c");
    // "a" was forgotten, so it starts with a full bucket again; "c" was not.
    expect(buckets.take("a").allowed).to.equal(true);
    expect(buckets.take("c").allowed).to.equal(false);
  });

  it("refuses limits that would block everyone", () => {
    expect(() => new TokenBuckets({ burst: 0, perMinute: 1 }, () => new Date())).to.throw(RangeError);
    expect(() => new TokenBuckets({ burst: 1, perMinute: 0 }, () => new Date())).to.throw(RangeError);
  });
});
