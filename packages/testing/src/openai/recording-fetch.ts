/**
 * A `fetch` that never touches the network: it records each URL and answers with a minimal
 * Chat Completions body. For checking where a provider sends its requests by default (its real
 * vendor address) without a simulator or a connection.
 */
export function createRecordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const recordingFetch: typeof fetch = async (input) => {
    urls.push(input instanceof Request ? input.url : String(input));
    const completion = {
      id: 'chatcmpl-recorded',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    return new Response(JSON.stringify(completion), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: recordingFetch, urls };
}
