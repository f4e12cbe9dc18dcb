import type { Engine } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import type { AskResponse, PassageView } from '../core/protocol.js';
import { judge, type Outcome } from './outcome.js';
import type { EvalItem } from './set.js';

/** Ask every item through the engine's event stream, timing retrieval (until `passages`) and answering (until `done`). */
export async function runInProcess(engine: Engine, items: EvalItem[], k?: number, onItem?: (done: number) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const item of items) {
    const started = performance.now();
    let retrieved = started;
    let passages: PassageView[] = [];
    let response: AskResponse | undefined;
    for await (const event of engine.ask({ question: item.question, k })) {
      if (event.type === 'passages') {
        retrieved = performance.now();
        passages = event.passages;
      } else if (event.type === 'done') response = { answer: event.answer, abstained: event.abstained, citations: event.citations, passages };
      else if (event.type === 'error') throw new AppError(event.code as AppError['code'], `item ${item.id}: ${event.message}`);
    }
    if (!response) throw new AppError('internal_error', `item ${item.id}: no answer`);
    outcomes.push(judge(item, response, { retrievalMs: retrieved - started, answerMs: performance.now() - retrieved }));
    onItem?.(outcomes.length);
  }
  return outcomes;
}
