import { AdminCreateUserCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { UserDirectory } from "./ports";

/**
 * The region's Cognito user pool. A new member gets an account with their address as user name,
 * verified (the admin vouches for it) and bound to this region; Cognito mails a temporary password.
 * One that exists already is left as it is: a member of several projects has one account.
 */
export function cognitoUserDirectory(userPoolId: string, regionId: string, client: Pick<CognitoIdentityProviderClient, "send"> = new CognitoIdentityProviderClient({})): UserDirectory {
  return {
    async ensureUser(email: string): Promise<void> {
      const username = email.trim().toLowerCase();
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: username,
            DesiredDeliveryMediums: ["EMAIL"],
            UserAttributes: [
              { Name: "email", Value: username },
              { Name: "email_verified", Value: "true" },
              { Name: "custom:region", Value: regionId },
            ],
          }),
        );
      } catch (error) {
        if ((error as Error)?.name === "UsernameExistsException") return;
        throw error;
      }
    },
  };
}
