export * from "./roles";
export * from "./definitions";
export * from "./transitions";
export * from "./turn";
