import { MASKED, maskCredentials } from "../tools/verify/authorizer";

describe("verify: the served security configuration", () => {
  test("every credential is masked before anything reads the answer; nothing else changes", () => {
    const served = {
      authenticationConfiguration: {
        clientId: "c",
        oidcConfiguration: { id: "c", secret: "s3cr3t", clientSecret: "x", tenant: "t", scope: "openid" },
        ldapConfiguration: { dnAdminPassword: "p4ss", truststoreConfig: { trustStorePassword: "tp" } },
        samlConfiguration: { sp: { keyStorePassword: "" } },
      },
      authorizerConfiguration: { adminPrincipals: ["admin"], useRolesFromProvider: true },
      list: [{ secret: "in-a-list" }],
    };
    expect(maskCredentials(served)).toEqual({
      authenticationConfiguration: {
        clientId: "c",
        oidcConfiguration: { id: "c", secret: MASKED, clientSecret: MASKED, tenant: "t", scope: "openid" },
        ldapConfiguration: { dnAdminPassword: MASKED, truststoreConfig: { trustStorePassword: MASKED } },
        samlConfiguration: { sp: { keyStorePassword: "" } },
      },
      authorizerConfiguration: { adminPrincipals: ["admin"], useRolesFromProvider: true },
      list: [{ secret: MASKED }],
    });
    expect(served.authenticationConfiguration.oidcConfiguration.secret).toBe("s3cr3t");
  });
});
