# Experiment (issue 24): trains the DrQA-style reader on prep.py's output (Debian's python3-torch) and
# prints its F1 on the choose split after each epoch: the gold sentence with one sentence either side
# (window F1). Usage: /usr/bin/python3 train.py DATA_DIR [hidden=64] [epochs=8]
import os, pickle, numpy as np, torch, torch.nn as nn, torch.nn.functional as F, random, time, re, string, collections, sys
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
train=[]
for e in D['ex']:
    if e['split']!='train' or not e['spans']: continue
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
for ep in range(int(sys.argv[3]) if len(sys.argv)>3 else 8):
    random.shuffle(train); train.sort(key=lambda x: len(x[0])//20); bs=[train[i:i+BS] for i in range(0,len(train),BS)]; random.shuffle(bs)
    t=time.time(); tl=0
    for b in bs:
        p,pf,q=batch([(c,x) for c,x,_,_ in b]); st,en=model(p,pf,q)
        loss=F.cross_entropy(st,torch.tensor([s for *_,s,_ in b]))+F.cross_entropy(en,torch.tensor([e for *_,e in b]))
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(),10); opt.step(); tl+=float(loss)
        if bs.index(b)%50==0: print(bs.index(b),len(bs),f'{time.time()-t:.0f}s',flush=True)
    print(f'epoch {ep} loss {tl/len(bs):.3f} {time.time()-t:.0f}s choose-squad window F1 {evaluate_win(model,"choose"):.1f} covid window F1 {evaluate_win(model,"choose",("covid",)):.1f}',flush=True)
    torch.save(model.state_dict(),os.path.join(DATA,f'drqa-{H}.pt'))
