import { expect } from "chai";
import { loadConfig } from "../../player/config.js";

describe("player config: certificates", () => {
  it("reads issuer name, key file, public URL and the verification rate limit from the environment", () => {
    const config = loadConfig({ OBUKA_ISSUER_NAME: " Centar ", OBUKA_ISSUER_KEY: "keys/issuer.json", OBUKA_PUBLIC_URL: "https://obuka.example.rs/", OBUKA_VERIFY_RATE_LIMIT: "10/5" }, "/srv");
    expect(config.certificates).to.deep.equal({ issuerName: "Centar", issuerKeyFile: "/srv/keys/issuer.json", publicUrl: "https://obuka.example.rs", verifyRateLimit: { burst: 10, perMinute: 5 } });
    expect(loadConfig({}, "/srv").certificates).to.deep.equal({});
  });

  it("names the variable when a value is wrong", () => {
    expect(() => loadConfig({ OBUKA_VERIFY_RATE_LIMIT: "lots" }, "/srv")).to.throw(/^OBUKA_VERIFY_RATE_LIMIT: /);
    expect(() => loadConfig({ OBUKA_VERIFY_RATE_LIMIT: "0/5" }, "/srv")).to.throw(/^OBUKA_VERIFY_RATE_LIMIT: /);
    expect(() => loadConfig({ OBUKA_PUBLIC_URL: "https://obuka.example.rs/verify" }, "/srv")).to.throw(/^OBUKA_PUBLIC_URL: /);
  });
});
