// The stand-in lives in the product (the sandbox runs on it); tests import it from here as before.
export * from "../../sandbox/slack-standin.ts";
