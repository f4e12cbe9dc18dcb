# npm run train:neural (evals/reader/drqa/train.sh): trains the DrQA-style reader on prep.py's output (Debian's python3-torch) and
# prints its F1 on the choose split after each epoch: the gold sentence with one sentence either side
# (window F1). Usage: /usr/bin/python3 train.py DATA_DIR [hidden=64] [epochs=8] [ONNX_OUT_DIR]; 0 epochs exports the saved model.
import os, json, pickle, numpy as np, torch, torch.nn as nn, torch.nn.functional as F, random, time, re, string, collections, sys
torch.manual_seed(1); random.seed(1); np.random.seed(1)
torch.set_num_threads(2)
DATA=sys.argv[1]; D=pickle.load(open(os.path.join(DATA,'drqa-data.pkl'),'rb')); E=np.load(os.path.join(DATA,'drqa-emb.npy'))
w2i={w:i for i,w in enumerate(D['words'])}
def ids(ws): return [w2i.get(w.lower(),1) for w in ws]
WIN=200; H=int(sys.argv[2]) if len(sys.argv)>2 else 64
def feats(ctx,q):
    ql=set(w.lower() for w in q); qo=set(q)
    c=collections.Counter(w.lower() for w in ctx); n=len(ctx)
    return [[w in qo, w.lower() in ql, c[w.lower()]/n*10, w[:1].isupper(), w[:1].isdigit()] for w in ctx]
class Reader(nn.Module):
    def __init__(s):
        super().__init__()
        s.emb=nn.Embedding.from_pretrained(torch.tensor(E),freeze=True,padding_idx=0)
        s.proj=nn.Linear(100,100)
        s.prnn=nn.LSTM(205,H,num_layers=2,bidirectional=True,batch_first=True,dropout=0.2)
        s.qrnn=nn.LSTM(100,H,num_layers=1,bidirectional=True,batch_first=True)
        s.qatt=nn.Linear(2*H,1); s.ws=nn.Linear(2*H,2*H); s.we=nn.Linear(2*H,2*H)
        s.drop=nn.Dropout(0.3)
    def forward(s,p,pf,q):
        pm=p!=0; qm=q!=0
        pe=s.drop(s.emb(p)); qe=s.drop(s.emb(q))
        a=torch.bmm(F.relu(s.proj(pe)),F.relu(s.proj(qe)).transpose(1,2)).masked_fill(~qm[:,None,:],-1e4).softmax(-1)
        x=torch.cat([pe,torch.bmm(a,qe),pf],-1)
        ph,_=s.prnn(x); qh,_=s.qrnn(qe)
        qa=s.qatt(qh).squeeze(-1).masked_fill(~qm,-1e4).softmax(-1)
        qv=torch.bmm(qa[:,None,:],qh).squeeze(1)
        st=torch.bmm(ph,s.ws(qv)[:,:,None]).squeeze(-1).masked_fill(~pm,-1e4)
        en=torch.bmm(ph,s.we(qv)[:,:,None]).squeeze(-1).masked_fill(~pm,-1e4)
        return st,en
def pad(seqs,v=0):
    L=max(len(x) for x in seqs); return [x+[v]*(L-len(x)) for x in seqs]
def batch(items):
    p=torch.tensor(pad([ids(c) for c,_ in items])); q=torch.tensor(pad([ids(x) for _,x in items]))
    L=p.shape[1]; pf=torch.tensor([f+[[0]*5]*(L-len(f)) for f in (feats(c,x) for c,x in items)],dtype=torch.float32)
    return p,pf,q
def sentences(ctx):
    out=[];b=0
    for i,w in enumerate(ctx):
        if w in '.?!' and (i+1==len(ctx) or ctx[i+1][:1].isupper()): out.append((b,i+1)); b=i+1
    if b<len(ctx): out.append((b,len(ctx)))
    return out
def window(ctx,s,t):
    ss=sentences(ctx); k=[i for i,(a,b) in enumerate(ss) if a<=s<b][0]
    a=ss[max(0,k-1)][0]; b=ss[min(len(ss)-1,k+1)][1]
    if b-a>SWIN: a=max(ss[k][0],min(s-5,a+(b-a-SWIN))); b=min(b,a+SWIN)
    return a,b
SWIN=100
# FOLD=0 or 1 trains on the other half of the training articles (by index parity), so that the tree reader's
# training rows get neural scores from a model that never saw their questions (out-of-fold, as in stacking).
FOLD=os.environ.get('FOLD'); NAME=f'drqa-{H}' + (f'-fold{FOLD}' if FOLD else '')
train=[]
for e in D['ex']:
    if e['split']!='train' or not e['spans']: continue
    if FOLD and e['art']%2==int(FOLD): continue
    s,t=e['spans'][0]; a,b=window(e['ctx'],s,t)
    if a<=s<=t<b: train.append((e['ctx'][a:b],e['q'],s-a,t-a))
print('train',len(train))
def norm(s):
    s=s.lower(); s=''.join(ch for ch in s if ch not in set(string.punctuation)); s=re.sub(r'\b(a|an|the)\b',' ',s); return s.split()
def f1(pred,golds):
    best=0
    for g in golds:
        p=norm(pred); gg=norm(g); c=collections.Counter(p)&collections.Counter(gg); n=sum(c.values())
        if n: pr=n/len(p); rc=n/len(gg); best=max(best,2*pr*rc/(pr+rc))
    return best
def decode(st,en,maxlen=15):
    sp=st.softmax(-1); ep=en.softmax(-1)
    sc=torch.triu(sp[:,:,None]*ep[:,None,:]); sc=sc-torch.triu(sc,maxlen)
    b=sc.flatten(1).argmax(-1); L=st.shape[1]
    return [(int(x)//L,int(x)%L, float(sc[i].flatten()[x])) for i,x in enumerate(b)]
def evaluate_win(model,split,files=('squad-v2/dev-20',)):
    model.eval(); tot=0;n=0
    exs=[e for e in D['ex'] if e['split']==split and e['spans'] and e['file'].startswith(files)]
    with torch.no_grad():
        for i in range(0,len(exs),64):
            chunk=exs[i:i+64]; items=[]
            for e in chunk:
                a,b=window(e['ctx'],*e['spans'][0]); items.append((e['ctx'][a:b],e['q']))
            st,en=model(*batch(items))
            for (a,b,sc),(c,_),e in zip(decode(st,en),items,chunk): tot+=f1(' '.join(c[a:b+1]),e['answers']); n+=1
    model.train(); return 100*tot/n
def evaluate(model,split,files=('squad-v2/dev-20',),limit=None):
    model.eval(); tot=0;n=0
    exs=[e for e in D['ex'] if e['split']==split and not e['impossible'] and e['answers'] and e['file'].startswith(files)]
    if limit: exs=exs[:limit]
    with torch.no_grad():
        for i in range(0,len(exs),64):
            chunk=exs[i:i+64]; items=[]; own=[]
            for k,e in enumerate(chunk):
                for w in e['wins']: items.append((e['ctx'][w:w+WIN],e['q'])); own.append((k,w))
            best={}
            for j in range(0,len(items),64):
                st,en=model(*batch(items[j:j+64]))
                for (k,w),(a,b,sc),(c,_) in zip(own[j:j+64],decode(st,en),items[j:j+64]):
                    if k not in best or sc>best[k][0]: best[k]=(sc,' '.join(c[a:b+1]))
            for k,e in enumerate(chunk): tot+=f1(best[k][1],e['answers']); n+=1
    model.train(); return 100*tot/n
model=Reader(); opt=torch.optim.Adamax([p for p in model.parameters() if p.requires_grad],lr=2e-3)
print('params',sum(p.numel() for p in model.parameters() if p.requires_grad))
BS=32
class Exported(nn.Module):
    """The reader as the product runs it: embedded words in (the product looks them up in its own int8
    table), start and end scores out, one window at a time. The scores are not normalised, so windows of
    different sentences compare (as DrQA compares paragraphs); the product takes the softmax itself."""
    def __init__(s,m):
        super().__init__(); s.m=m
    def forward(s,pe,pf,qe):
        m=s.m
        a=torch.bmm(F.relu(m.proj(pe)),F.relu(m.proj(qe)).transpose(1,2)).softmax(-1)
        x=torch.cat([pe,torch.bmm(a,qe),pf],-1)
        ph,_=m.prnn(x); qh,_=m.qrnn(qe)
        qv=torch.bmm(m.qatt(qh).squeeze(-1).softmax(-1)[:,None,:],qh).squeeze(1)
        st=torch.bmm(ph,m.ws(qv)[:,:,None]).squeeze(-1)
        en=torch.bmm(ph,m.we(qv)[:,:,None]).squeeze(-1)
        return st,en
def export(model,out):
    model.eval(); w=Exported(model)
    pe=torch.randn(1,30,100); pf=torch.zeros(1,30,5); qe=torch.randn(1,8,100)
    torch.onnx.export(w,(pe,pf,qe),os.path.join(out,'reader.onnx'),input_names=['passage','features','question'],
        output_names=['start','end'],dynamic_axes={'passage':{0:'b',1:'p'},'features':{0:'b',1:'p'},'question':{0:'b',1:'q'},'start':{0:'b',1:'p'},'end':{0:'b',1:'p'}},opset_version=13)
    # The product's word table: the same int8 rows and scales the model trained on.
    open(os.path.join(out,'words.txt'),'w').write('\n'.join(D['words'])+'\n')
    np.load(os.path.join(DATA,'drqa-emb-i8.npy')).tofile(os.path.join(out,'vectors.i8'))
    np.load(os.path.join(DATA,'drqa-emb-scale.npy')).astype('<f4').tofile(os.path.join(out,'scales.f32'))
    # One window scored here, for the product's test that its tokens, features and table give the same scores.
    tok=re.compile(r"\w+|[^\w\s]",re.U)
    ctx='The Normans (Norman: Nourmands) were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France. They descended from Norse raiders.'
    q='In what country is Normandy located?'
    c=tok.findall(ctx); qq=tok.findall(q)
    model.eval()  # torch.onnx.export leaves the wrapper, and so the model, in training mode (dropout on)
    with torch.no_grad(): st,en=model(*batch([(c,qq)]))
    json.dump(dict(passage=ctx,question=q,start=st[0].tolist(),end=en[0].tolist()),open(os.path.join(out,'parity.json'),'w'))
    print('check', st[0].argmax().item(), en[0].argmax().item(), c[st[0].argmax().item()])
best=-1
for ep in range(int(sys.argv[3]) if len(sys.argv)>3 else 8):
    random.shuffle(train); train.sort(key=lambda x: len(x[0])//20); bs=[train[i:i+BS] for i in range(0,len(train),BS)]; random.shuffle(bs)
    t=time.time(); tl=0
    for b in bs:
        p,pf,q=batch([(c,x) for c,x,_,_ in b]); st,en=model(p,pf,q)
        loss=F.cross_entropy(st,torch.tensor([s for *_,s,_ in b]))+F.cross_entropy(en,torch.tensor([e for *_,e in b]))
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(),10); opt.step(); tl+=float(loss)
        if bs.index(b)%50==0: print(bs.index(b),len(bs),f'{time.time()-t:.0f}s',flush=True)
    sq=evaluate_win(model,"choose"); cv=evaluate_win(model,"choose",("covid",))
    print(f'epoch {ep} loss {tl/len(bs):.3f} {time.time()-t:.0f}s choose-squad window F1 {sq:.1f} covid window F1 {cv:.1f}',flush=True)
    # The epoch kept is chosen on the choose split (both sets, equally weighted); the test split chooses nothing.
    if sq+cv>best:
        best=sq+cv; torch.save(model.state_dict(),os.path.join(DATA,NAME+'.pt')); print('kept epoch',ep,flush=True)
model.load_state_dict(torch.load(os.path.join(DATA,NAME+'.pt')))
if len(sys.argv)>4: export(model,sys.argv[4])
