import { describe, expect, it } from "vitest";
import { AdminCreateUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoUserDirectory } from "../../functions/adapters/user-directory";

/** The Cognito adapter against a client that answers as Cognito does (no AWS account here). */
function client(answer: (command: AdminCreateUserCommand) => unknown) {
  const sent: AdminCreateUserCommand[] = [];
  return { sent, send: async (command: AdminCreateUserCommand) => (sent.push(command), answer(command)) };
}

describe("the region's user directory on Cognito", () => {
  it("makes a verified account bound to the region, named by the lower-cased address", async () => {
    const c = client(() => ({}));
    await cognitoUserDirectory("eu-north-1_abc", "ostergotland", c as never).ensureUser("Fia@Region.se");
    expect(c.sent[0]!.input).toEqual({
      UserPoolId: "eu-north-1_abc",
      Username: "fia@region.se",
      DesiredDeliveryMediums: ["EMAIL"],
      UserAttributes: [
        { Name: "email", Value: "fia@region.se" },
        { Name: "email_verified", Value: "true" },
        { Name: "custom:region", Value: "ostergotland" },
      ],
    });
  });

  it("leaves an account that exists as it is", async () => {
    const exists = Object.assign(new Error("User account already exists"), { name: "UsernameExistsException" });
    const c = client(() => Promise.reject(exists));
    await expect(cognitoUserDirectory("eu-north-1_abc", "ostergotland", c as never).ensureUser("fia@region.se")).resolves.toBeUndefined();
  });

  it("passes any other failure on, so the member is not recorded without an account", async () => {
    const c = client(() => Promise.reject(Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException" })));
    await expect(cognitoUserDirectory("eu-north-1_abc", "ostergotland", c as never).ensureUser("fia@region.se")).rejects.toThrow("Rate exceeded");
  });
});
