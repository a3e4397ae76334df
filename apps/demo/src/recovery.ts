/**
 * The status message of a task that the server's start-up recovery marked failed: the demo says
 * more than the server's default, since its users restart it often.
 */
export const DEMO_RECOVERY_MESSAGE =
  'The server stopped (a crash or a kill) while this task was running, so it was marked ' +
  'failed when the server started again. Send the request again to retry it.';
