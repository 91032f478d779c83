import type { IncomingHttpHeaders } from "node:http";
import type { BlockList } from "node:net";

export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };

export type GateDecision =
  | { kind: "pass"; remove: string[]; set: Record<string, string> }
  | { kind: "answer"; status: number; headers: Record<string, string>; body: string };

export const GATE_HEADER: string;
export function parseTrustedProxies(setting: string | undefined): TrustedProxies;
export function resolveRequest(input: {
  peer: string | undefined;
  headers: IncomingHttpHeaders;
  proxies: TrustedProxies;
}): { client: string; host: string; proto: string | undefined; viaProxy: boolean };
export function canonicalOrigin(env: Readonly<Record<string, string | undefined>>): string;
export function gateRequest(input: {
  method: string | undefined;
  url: string | undefined;
  peer: string | undefined;
  headers: IncomingHttpHeaders;
  proxies: TrustedProxies;
  origin: string;
  secret: string;
}): GateDecision;
