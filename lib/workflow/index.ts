export * from "./roles";
export * from "./definitions";

export * from "./proposal";
export * from "./transitions";
export * from "./turn";
