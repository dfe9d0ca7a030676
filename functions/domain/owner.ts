/** The signed-in owner a use case acts for (the API checks the claims before a use case runs). */
export type Owner = { sub: string; email: string };
