// The holder's own account (CONTRACT §5, issue 16): the password change (forced after a
// one-time password), the second factor's enrolment (the QR code the API draws, shown as an
// image) and its confirmation with a code.

import { api, session } from "../api.js";
import { touch } from "../idle.js";
import { nextScreen } from "./signin.js";

/** The new password (POST /v1/accounts/me/password): the API ends every session of the
 * account and opens a new one, whose pair replaces this one; the screen to open next. */
export async function changePassword(old, next) {
  const pair = await api("/v1/accounts/me/password", {
    method: "POST",
    body: { old, new: next },
  });
  session.open(pair);
  touch();
  return nextScreen();
}

/**
 * The fields a refused change names, each with what the screen says (a key of the
 * account labels, from the API's `code` of the rule broken) or the API's own message:
 * `[{field: "old" | "new" | "otp" | null, key, message}]`.
 */
export function fieldProblems(error) {
  const errors = error?.status === 422 ? (error.problem?.errors ?? []) : [];
  return errors.map((e) => ({
    field: String(e.field ?? "").replace(/^body\./, "") || null,
    key: e.code ? `problem_${e.code}` : null,
    message: e.message ?? "",
  }));
}

/** The QR code (an SVG document from the API) as a data URL for an <img>: the image is
 * drawn by the browser as a picture, never parsed into the page. */
export function svgDataUrl(svg) {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** A new secret (POST /v1/accounts/me/otp), pending until confirmed: `{secret, uri, qr}`. */
export async function enrolOtp() {
  const found = await api("/v1/accounts/me/otp", { method: "POST" });
  return { secret: found.secret, uri: found.otpauth_uri, qr: svgDataUrl(found.qr_svg) };
}

/** The pending factor becomes active with a right code; a session that waited for it
 * becomes a full one. The account as it now is. */
export async function confirmOtp(code) {
  const account = await api("/v1/accounts/me/otp/confirm", {
    method: "POST",
    body: { otp: code.trim() },
  });
  session.lift("otp");
  return account;
}
