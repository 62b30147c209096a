import { appsConnectionsOpen, authTest } from "./auth.ts";
import * as chat from "./chat.ts";
import * as conversations from "./conversations.ts";
import type { MethodHandler } from "./types.ts";
import { completeUploadExternal, getUploadURLExternal } from "./uploads.ts";
import { usersInfo } from "./users.ts";
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from "./views.ts";

/** The Web API methods the stand-in answers, each from its family's file; any other is `unknown_method`. */
export const METHODS = new Map<string, MethodHandler>(
  Object.entries({
    "auth.test": authTest,
    "chat.postMessage": chat.postMessage,
    "chat.update": chat.update,
    "chat.delete": chat.deleteMessage,
    "chat.postEphemeral": chat.postEphemeral,
    "chat.getPermalink": chat.getPermalink,
    "conversations.members": conversations.members,
    "conversations.info": conversations.info,
    "conversations.open": conversations.open,
    "users.info": usersInfo,
    "views.open": viewsOpen,
    "views.push": viewsPush,
    "views.update": viewsUpdate,
    "views.publish": viewsPublish,
    "files.getUploadURLExternal": getUploadURLExternal,
    "files.completeUploadExternal": completeUploadExternal,
    "apps.connections.open": appsConnectionsOpen,
  }),
);
