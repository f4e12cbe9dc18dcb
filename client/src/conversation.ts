import { LIMITS, type ClientFrame, type ServerFrame } from '../../core/protocol.js';
import { isPending, type Message } from './model.js';

/** Fold one server frame into the message it belongs to. Frames for finished messages change nothing. */
export function applyFrame(message: Message, frame: ServerFrame): Message {
  if (!isPending(message)) return message;
  switch (frame.type) {
    case 'passages':
      return { ...message, passages: frame.passages };
    case 'delta':
      return { ...message, status: 'streaming', answer: message.answer + frame.text };
    case 'done':
      return {
        ...message,
        status: 'done',
        answer: frame.answer,
        abstained: frame.abstained,
        citations: frame.citations,
        ...(frame.turnId ? { turnId: frame.turnId } : {}),
        ...(frame.unsupported ? { unsupported: frame.unsupported } : {}),
        ...(frame.fallback !== undefined ? { fallback: frame.fallback } : {}),
        ...(frame.closest ? { closest: true } : {}),
      };
    case 'error':
      return { ...message, status: 'error', error: { code: frame.code, message: frame.message } };
  }
}

export function newMessage(id: string, question: string): Message {
  return { id, question, answer: '', status: 'waiting', abstained: false, citations: [], passages: [] };
}

/**
 * The ask frame for a question, carrying the answered turns before it as history, and where it is
 * stored: the open conversation (none: a new one) and the turn it answers anew (regenerate, edit).
 */
export function askFrame(
  id: string,
  question: string,
  earlier: readonly Message[],
  stored: { conversationId?: string | undefined; replaceTurnId?: string | undefined } = {},
): ClientFrame {
  const history = earlier
    .filter((m) => m.status === 'done')
    .slice(-LIMITS.historyTurns)
    .map((m) => ({
      question: m.question.slice(0, LIMITS.questionChars),
      answer: m.answer.slice(0, LIMITS.historyAnswerChars),
    }));
  return {
    type: 'ask',
    id,
    question,
    ...(history.length > 0 ? { history } : {}),
    ...(stored.conversationId ? { conversationId: stored.conversationId } : {}),
    ...(stored.replaceTurnId ? { replaceTurnId: stored.replaceTurnId } : {}),
  };
}

/** A readable sentence for an error frame's code. */
export function describeError(error: { code: string; message: string }): string {
  switch (error.code) {
    case 'index_not_ready':
      return `The documents are not ready to be searched yet. ${error.message}`;
    case 'index_incompatible':
    case 'index_corrupt':
      return `The document index cannot be used: ${error.message}`;
    case 'invalid_request':
    case 'invalid_json':
      return `The question could not be sent: ${error.message}`;
    case 'rate_limited':
      return `Too many questions in a short time; wait a moment and ask again. ${error.message}`;
    case 'too_many_questions':
      return `Too many questions are running at once: ${error.message}`;
    case 'shutting_down':
      return 'The server is restarting; ask again once it is back.';
    case 'unauthorized':
      return `The server needs an API key: ${error.message}`;
    case 'connection_lost':
      return 'The connection to the server was lost before the answer finished.';
    case 'cancelled':
      return 'The question was cancelled.';
    default:
      return `Something went wrong while answering: ${error.message}`;
  }
}
