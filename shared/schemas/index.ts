export * from "./common";
export * from "./organisation";
export * from "./person";
export * from "./instrument";
export * from "./round";
export * from "./invitation";
export * from "./api";
export * from "./programme";
