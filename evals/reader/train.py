"""Trains the learned reader from the rows evals/reader/dump.ts wrote.

Two gradient-boosted tree ensembles (XGBoost, Debian's python3-xgboost):
  span ranker   pairwise ranking of each open question's candidates by their F1 against the gold answers;
                trained on the train split (without the questions whose names no passage says), its number
                of trees chosen on the choose split.
  no-answer     the probability that the question is answerable, from the evidence features, the ranker's
                top scores, the best candidate's row and the best phrase's. Trained on the SQuAD 2.0 dev articles of the train and
                choose splits, with out-of-fold ranker scores for the train split's (so they look like the scores
                of unseen questions); its threshold chosen on out-of-fold predictions for those articles: the
                highest that keeps wrongful abstention on answerable questions at most MAX_WRONGFUL overall
                (the rules' abstentions included).
Numbers are printed for every split; the test split chooses nothing. Deterministic: fixed seeds, one
thread count, sorted inputs.
Usage: python3 evals/reader/train.py [data-dir] [--dry-run]
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb

DATA = next((a for a in sys.argv[1:] if not a.startswith('--')), '.train/reader')
DRY = '--dry-run' in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, '../../core/answer/reader')
SEED = 7
THREADS = 2
FOLDS = 3
# Wrongful abstention allowed on the choose split; the target is at most 0.10 on held-out articles.
MAX_WRONGFUL = 0.085
# The same on the project's own sets (technical documents, out-of-fold): their floors are in evals/thresholds.ts.
MAX_WRONGFUL_OWN = 0.08
# Below the threshold the reader declines; it says the documents are silent (rather than showing the
# closest passage) only below a lower probability, where at most this share of the answerable questions
# it decides falls.
MAX_WRONGFUL_SILENT = 0.02
# Each own-set question counts this many times in training: 320 of them beside 10,000 SQuAD questions.
OWN_WEIGHT = 5.0
# COVID-QA's annotators marked long answers (13 words at the median, against SQuAD's 2) in long papers: a
# candidate sharing half of one is half right, so its questions are labelled by F1 in tenths rather than
# by SQuAD's exact-match tiers, and each counts this many times (270 of them beside 9,400 SQuAD questions).
# Chosen on the choose split with the passage-style features (features.ts) that let the trees tell such
# papers apart: without them graded labels cost SQuAD and gained COVID-QA nothing (docs/reader.md).
GRADED_FILES = ('covid-qa/',)
GRADED_WEIGHT = 6.0

RANK_PARAMS = dict(objective='rank:pairwise', eta=0.1, max_depth=8, min_child_weight=5, subsample=0.8,
                   colsample_bytree=0.8, tree_method='hist', seed=SEED, nthread=THREADS, eval_metric='ndcg@1')
RANK_ROUNDS = 600
NA_PARAMS = dict(objective="binary:logistic", eta=0.05, max_depth=3, min_child_weight=5, subsample=0.8,
                 colsample_bytree=0.8, tree_method='hist', seed=SEED, nthread=THREADS, eval_metric='auc')
NA_ROUNDS = 300
NA_FOLDS = 5


def load():
    features = json.load(open(os.path.join(DATA, 'features.json')))
    questions = [json.loads(line) for line in open(os.path.join(DATA, 'questions.jsonl'))]
    rows = np.fromfile(os.path.join(DATA, 'span-rows.f32'), dtype=np.float32).reshape(-1, len(features['span']))
    unsaid = features['evidence'].index('namesUnsaid')
    sentence = features['span'].index('sentence')
    for q in questions:
        # Only an open question (one the reader decides) has candidate rows and an evidence row.
        is_open = 'offset' in q
        # None of its passages names everything it names (the evidence row's namesUnsaid).
        q['names_unsaid'] = is_open and q['evidence'][unsaid] == 1
        # Which of its candidates are whole sentences (the span row's `sentence`), for the no-answer row.
        if is_open:
            q['sentences'] = rows[q['offset']:q['offset'] + q['count'], sentence] == 1
    return features, questions, rows


def graded(q):
    return q['file'].startswith(GRADED_FILES)


def relevance(q):
    f1, em = np.array(q['f1']), np.array(q['em'])
    if graded(q):
        return np.round(f1 * 10)
    return np.where(em > 0, 3, np.where(f1 >= 0.6, 2, np.where(f1 >= 0.3, 1, 0)))


def ranking_matrix(questions, rows):
    """Open, answerable questions with at least one candidate overlapping the gold answer, whose passages
    name what they name: where none does, the answer mostly lies in a passage not retrieved, and the
    candidates' labels teach the ranker little but noise. The no-answer model weighs such questions."""
    usable = [q for q in questions if 'offset' in q and q['answerable'] and max(q['f1'], default=0) > 0 and not q['names_unsaid']]
    x = np.concatenate([rows[q['offset']:q['offset'] + q['count']] for q in usable])
    y = np.concatenate([relevance(q) for q in usable])
    m = xgb.DMatrix(x, label=y, missing=np.nan, nthread=THREADS)
    m.set_group([q['count'] for q in usable])
    m.set_weight(np.array([OWN_WEIGHT if is_own(q) else GRADED_WEIGHT if graded(q) else 1.0 for q in usable]))
    return m


def is_own(q):
    """A question of the project's own sets (technical documents), not of a benchmark file."""
    return q['file'].startswith('evals/')


def train_ranker(train, choose, rows, rounds=None):
    dtrain, dchoose = ranking_matrix(train, rows), ranking_matrix(choose, rows)
    if rounds is not None:
        return xgb.train(RANK_PARAMS, dtrain, num_boost_round=rounds)
    return xgb.train(RANK_PARAMS, dtrain, num_boost_round=RANK_ROUNDS, evals=[(dchoose, 'choose')],
                     early_stopping_rounds=40, verbose_eval=False)


def scores_of(model, questions, rows):
    """Each open question's candidate scores, in candidate order."""
    open_qs = [q for q in questions if 'offset' in q]
    if not open_qs:
        return {}
    x = np.concatenate([rows[q['offset']:q['offset'] + q['count']] for q in open_qs])
    s = model.predict(xgb.DMatrix(x, missing=np.nan, nthread=THREADS), output_margin=True)
    out, at = {}, 0
    for q in open_qs:
        out[q['id']] = s[at:at + q['count']]
        at += q['count']
    return out


def fit_no_answer(questions, scores, rows, rounds):
    _, x, y = no_answer_matrix(questions, scores, rows)
    weight = np.where(y == 1, 1.0, (y == 1).sum() / max(1, (y == 0).sum()))
    return xgb.train(NA_PARAMS, xgb.DMatrix(x, label=y, weight=weight, missing=np.nan, nthread=THREADS), num_boost_round=rounds)


def no_answer_row(q, scores, rows):
    """As noAnswerRow (no-answer.ts): the evidence, the two best candidates, the best phrase (not a whole sentence)."""
    order = np.argsort(-scores, kind='stable')
    top = scores[order[0]]
    second = scores[order[1]] if len(order) > 1 else np.nan
    ev = np.array([np.nan if v is None else v for v in q['evidence']], dtype=np.float64)
    phrases = [i for i in order if not q['sentences'][i]]
    phrase = [scores[phrases[0]], top - scores[phrases[0]]] if phrases else [np.nan, np.nan]
    phrase_row = rows[q['offset'] + phrases[0]] if phrases else np.full(rows.shape[1], np.nan)
    return np.concatenate([ev, [top, second, top - second], rows[q['offset'] + order[0]], phrase, phrase_row])


def no_answer_matrix(questions, scores, rows):
    qs = [q for q in questions if 'offset' in q and q['count'] > 0]
    x = np.array([no_answer_row(q, scores[q['id']], rows) for q in qs], dtype=np.float32)
    y = np.array([1 if q['answerable'] else 0 for q in qs])
    return qs, x, y


def auc(y, p):
    order = np.argsort(p, kind='stable')
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if n_pos == 0 or n_neg == 0:
        return float('nan')
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def outcomes(questions, scores, p_answerable, threshold):
    """Per question: (answerable, abstained, f1 of what was said)."""
    out = []
    for q in questions:
        if 'rule' in q:
            out.append((q['answerable'], q['rule']['abstained'], q['rule']['f1']))
        elif q['count'] == 0:
            out.append((q['answerable'], True, 0.0))
        else:
            s = scores[q['id']]
            abstained = p_answerable[q['id']] < threshold
            out.append((q['answerable'], abstained, 0.0 if abstained else q['f1'][int(np.argmax(s))]))
    return out


def summary(name, questions, scores, p_answerable, threshold):
    o = outcomes(questions, scores, p_answerable, threshold)
    ans = [x for x in o if x[0]]
    una = [x for x in o if not x[0]]
    ids = [q['id'] for q in questions if q['id'] in p_answerable]
    y = np.array([1 if q['answerable'] else 0 for q in questions if q['id'] in p_answerable])
    p = np.array([p_answerable[i] for i in ids])
    text = f"  {name:<28} answerable {len(ans):>5}  F1 {100 * np.mean([x[2] for x in ans]) if ans else float('nan'):5.1f}" \
           f"  wrongful abstention {np.mean([x[1] for x in ans]) if ans else float('nan'):.3f}"
    if una:
        text += f"  unanswerable {len(una):>5}  abstains {np.mean([x[1] for x in una]):.3f}  AUC {auc(y, p):.3f}"
    print(text)


def export(model, n_features, extra):
    trees = []
    for dump in model.get_dump(dump_format='json'):
        nodes = {}

        def walk(n):
            nodes[n['nodeid']] = n
            for c in n.get('children', []):
                walk(c)
        walk(json.loads(dump))
        size = max(nodes) + 1
        t = dict(feature=[-1] * size, threshold=[0.0] * size, yes=[0] * size, no=[0] * size, missingYes=[0] * size, value=[0.0] * size)
        for i, n in nodes.items():
            if 'leaf' in n:
                t['value'][i] = float(n['leaf'])
            else:
                t['feature'][i] = int(n['split'][1:])
                t['threshold'][i] = float(np.float32(n['split_condition']))  # xgboost compares in float32
                t['yes'][i], t['no'][i] = n['yes'], n['no']
                t['missingYes'][i] = 1 if n['missing'] == n['yes'] else 0
        trees.append(t)
    return dict(trees=trees, **extra)


def float32_text(x):
    """A float32 as the shortest decimal that reads back as the same float32: trees are float32 in XGBoost."""
    return float(np.format_float_positional(np.float32(x), unique=True, trim='-'))


def compact(model):
    """The model with its thresholds and leaf values written as float32 decimals (the file is a third smaller)."""
    trees = [dict(t, threshold=[float32_text(v) for v in t['threshold']], value=[float32_text(v) for v in t['value']]) for t in model['trees']]
    return dict(model, trees=trees)


def margin_of(exported, row):
    total = exported['base']
    for t in exported['trees']:
        i = 0
        while t['feature'][i] >= 0:
            x = row[t['feature'][i]]
            yes = t['missingYes'][i] == 1 if np.isnan(x) else np.float32(x) < np.float32(t['threshold'][i])
            i = t['yes'][i] if yes else t['no'][i]
        total += t['value'][i]
    return total


def with_base(exported, model, sample):
    """The base margin is what xgboost adds to the trees' sum; read it off one prediction."""
    exported['base'] = 0.0
    margin = float(model.predict(xgb.DMatrix(sample[:1], missing=np.nan, nthread=THREADS), output_margin=True)[0])
    exported['base'] = margin - margin_of(exported, sample[0])
    for row, want in zip(sample[:50], model.predict(xgb.DMatrix(sample[:50], missing=np.nan, nthread=THREADS), output_margin=True)):
        assert abs(margin_of(exported, row) - want) < 1e-3, 'exported trees disagree with xgboost'
    return exported


def main():
    features, questions, rows = load()
    split = {s: [q for q in questions if q['split'] == s] for s in ('train', 'choose', 'test')}
    for s, qs in split.items():
        n_open = sum('offset' in q for q in qs)
        print(f"{s}: {len(qs)} questions ({sum(q['answerable'] for q in qs)} answerable), {n_open} reach the reader; "
              f"articles: {', '.join(sorted({q['article'] for q in qs}))[:300]}")

    chosen = train_ranker(split['train'], split['choose'], rows)
    rounds = chosen.best_iteration + 1
    print(f'span ranker: {rounds} trees (chosen on the choose split, ndcg@1 {chosen.best_score:.4f})')
    ranker = train_ranker(split['train'], split['choose'], rows, rounds)

    # Out-of-fold ranker scores for the train split, folds by article.
    articles = sorted({(q['file'], q['article']) for q in split['train']})
    fold_of = {a: i % FOLDS for i, a in enumerate(articles)}
    train_scores = {}
    for f in range(FOLDS):
        fit = [q for q in split['train'] if fold_of[(q['file'], q['article'])] != f]
        held = [q for q in split['train'] if fold_of[(q['file'], q['article'])] == f]
        train_scores.update(scores_of(train_ranker(fit, split['choose'], rows, rounds), held, rows))
    scores = {**train_scores, **scores_of(ranker, split['choose'] + split['test'], rows)}

    # The no-answer model learns from SQuAD 2.0 dev articles only (those of the train and choose splits):
    # the train file's few unanswerable questions were written otherwise and taught it little that carried over.
    # Its rounds and threshold come from out-of-fold predictions, folds by article.
    na_qs = [q for q in split['train'] + split['choose'] if (q['file'].startswith('squad-v2/dev') or is_own(q)) and 'offset' in q and q['count'] > 0]
    na_articles = sorted({q['article'] for q in na_qs})
    na_fold = {a: i % NA_FOLDS for i, a in enumerate(na_articles)}
    oof = {}
    for f in range(NA_FOLDS):
        fit = [q for q in na_qs if na_fold[q['article']] != f]
        held = [q for q in na_qs if na_fold[q['article']] == f]
        model = fit_no_answer(fit, scores, rows, NA_ROUNDS)
        hq, hx, _ = no_answer_matrix(held, scores, rows)
        for q, v in zip(hq, model.predict(xgb.DMatrix(hx, missing=np.nan, nthread=THREADS))):
            oof[q['id']] = float(v)
    na = fit_no_answer(na_qs, scores, rows, NA_ROUNDS)
    y_oof = np.array([1 if q['answerable'] else 0 for q in na_qs])
    print(f"no-answer model: {NA_ROUNDS} trees on {len(na_qs)} questions of {', '.join(na_articles)}; out-of-fold AUC {auc(y_oof, np.array([oof[q['id']] for q in na_qs])):.3f}")

    p = {}
    for s in ('train', 'choose', 'test'):
        qs, x, _ = no_answer_matrix(split[s], scores, rows)
        for q, v in zip(qs, na.predict(xgb.DMatrix(x, missing=np.nan, nthread=THREADS))):
            p[q['id']] = float(v)
    p_choice = {**p, **oof}

    squad_dev = [q for q in split['train'] + split['choose'] if q['file'].startswith('squad-v2/dev')]
    own = [q for q in split['train'] if is_own(q)]
    wrongful = lambda qs, t: np.mean([x[1] for x in outcomes(qs, scores, p_choice, t) if x[0]])
    threshold = 0.0
    for t in np.round(np.arange(0.0, 1.0, 0.005), 3):
        if wrongful(squad_dev, t) <= MAX_WRONGFUL and wrongful(own, t) <= MAX_WRONGFUL_OWN:
            threshold = float(t)
    print(f'no-answer threshold {threshold} (chosen on out-of-fold predictions for those articles: wrongful abstention at most {MAX_WRONGFUL})')
    # Only the questions the model decides: the rules' own abstentions fall below any floor.
    silenced = lambda qs, t: np.mean([p_choice[q['id']] < t for q in qs if q['answerable'] and q['id'] in p_choice])
    closest = 0.0
    for t in np.round(np.arange(0.0, threshold + 1e-9, 0.005), 3):
        if silenced(squad_dev, t) <= MAX_WRONGFUL_SILENT and silenced(own, t) <= MAX_WRONGFUL_SILENT:
            closest = float(t)
    print(f'closest-passage floor {closest} (below it the documents are said to be silent: wrongful at most {MAX_WRONGFUL_SILENT}, out-of-fold)')
    summary('out-of-fold, at threshold', squad_dev, scores, p_choice, threshold)
    summary('own sets, out-of-fold', own, scores, p_choice, threshold)

    for s in ('train', 'choose', 'test'):
        print(f'{s}:')
        for prefix, name in (('squad-v2', 'SQuAD 2.0'), ('squad-v1.1', 'SQuAD 1.1'), ('covid-qa', 'COVID-QA'), ('evals/', 'own sets')):
            qs = [q for q in split[s] if q['file'].startswith(prefix)]
            if qs:
                summary(name, qs, scores, p, threshold)
    # Reliability on the test split: how often answerable, by predicted probability.
    test_ids = [q for q in split['test'] if q['id'] in p and q['file'].startswith('squad-v2')]
    print('reliability (test, SQuAD 2.0): predicted p(answerable) -> share answerable')
    for lo in np.arange(0, 1, 0.2):
        b = [q for q in test_ids if lo <= p[q['id']] < lo + 0.2]
        if b:
            print(f'  {lo:.1f}-{lo + 0.2:.1f}: {len(b):>4} questions, {np.mean([q["answerable"] for q in b]):.3f} answerable')

    if DRY:
        return
    trained = dict(data=sorted({q['file'] for q in split['train']}), seed=SEED, xgboost=xgb.__version__)
    span_model = with_base(export(ranker, len(features['span']), dict(features=features['span'], base=0.0, trainedOn=dict(**trained, params=RANK_PARAMS, rounds=rounds))),
                           ranker, rows[:200])
    na_features = (features['evidence'] + ['top', 'second', 'margin'] + [f'best:{f}' for f in features['span']]
                   + ['phraseScore', 'phraseGap'] + [f'phrase:{f}' for f in features['span']])
    na_model = with_base(export(na, len(na_features), dict(features=na_features, base=0.0, settings=dict(threshold=threshold, closest=closest),
                                                           trainedOn=dict(**trained, params=NA_PARAMS, rounds=NA_ROUNDS))),
                         na, no_answer_matrix(na_qs[:200], scores, rows)[1])
    for name, model in (('span-model.json', span_model), ('no-answer-model.json', na_model)):
        with open(os.path.join(MODELS, name), 'w') as f:
            json.dump(compact(model), f, separators=(',', ':'))
            f.write('\n')
        print(f'wrote core/answer/reader/{name}')


if __name__ == "__main__":
    main()
