# Writes spec/vectors.schema.json, the JSON Schema (draft 2020-12) of the vector format of
# spec/vectors.md, from the table of operations below: python3 testdata/generate/schema.py
# The Go tests check that the table agrees with the Go runner's operations.
import json
import os
S,I,B,O='string','int','bytes','object'
R,V,OPT='required','valid','optional'
POLICY=[('appid',S,R),('now',I,R),('maxAge',I,R),('skew',I,R)]
OPS={
 'opendata.decrypt':([('sessionKey',S,R),('iv',S,R),('encryptedData',S,R),('plaintext',B,V)],['base64','key','iv','size','decrypt']),
 'opendata.watermark':([('plaintext',S,R)]+POLICY,['watermark','appid','expired','future']),
 'opendata.open':([('sessionKey',S,R),('iv',S,R),('encryptedData',S,R)]+POLICY+[('plaintext',S,V)],['base64','key','iv','size','decrypt','watermark','appid','expired','future']),
 'opendata.rawsig':([('rawData',S,R),('sessionKey',S,R),('signature',S,R)],[]),
 'msghash':([('encryptedData',S,R),('hash',S,R)],[]),
 'sessionsig':([('sessionKey',S,R),('body',S,R),('signature',S,R)],[]),
 'paysig':([('appKey',S,R),('uri',S,R),('body',S,R),('signature',S,R)],[]),
 'payeventsig':([('appKey',S,R),('event',S,R),('payload',S,R),('signature',S,R)],[]),
 'xxtea.decrypt':([('key',B,R),('ciphertext',S,R),('plaintext',B,V)],['key','ciphertext','decrypt']),
 'msgpush.decrypt':([('token',S,R),('encodingAESKey',S,R),('appid',S,R),('timestamp',S,R),('nonce',S,R),('msgSignature',S,R),('encrypt',S,R),('message',B,V)],['key','signature','base64','decrypt','buffer','appid']),
 'msgpush.body':([('format',S,R),('body',S,R),('token',S,R),('encodingAESKey',S,R),('appid',S,R),('timestamp',S,R),('nonce',S,R),('msgSignature',S,R),('message',B,V)],['key','body','signature','base64','decrypt','buffer','appid']),
 'msgpush.encrypt':([('token',S,R),('encodingAESKey',S,R),('appid',S,R),('randomHex',S,R),('timestamp',S,R),('nonce',S,R),('message',B,R),('encrypt',S,R),('msgSignature',S,R)],[]),
 'msgpush.urlsig':([('token',S,R),('timestamp',S,R),('nonce',S,R),('signature',S,R),('echostr',S,OPT)],[]),
 'phonenumber.answer':([('answer',S,R)]+POLICY+[('phoneNumber',S,V),('purePhoneNumber',S,V),('countryCode',S,V)],['errcode','malformed','watermark','appid','expired','future']),
 'code2session.answer':([('answer',S,R),('openid',S,V),('sessionKey',S,V),('unionid',S,V)],['errcode','malformed']),
 'cloud189.userinfo':([('answer',S,OPT),('encryptedData',S,OPT),('appSecret',S,R),('appId',S,R),('now',I,R),('maxAge',I,R),('skew',I,R),('openId',S,V),('phoneNumber',S,V),('timestamp',I,V),('code',I,OPT)],['key','answer','code','ciphertext','decrypt','userinfo','appid','expired','future']),
 'cloudid.field':([('field',S,R)]+POLICY+[('data',S,V),('errCode',I,OPT)],['field','cloudid','watermark','appid','expired','future']),
 'cloudid.event':([('event',S,R),('fields',O,V)],['event']),
 'errcode.answer':([('answer',S,R),('errcode',I,OPT),('errmsg',S,OPT)],['errcode','malformed']),
}
HEX={'type':'string','pattern':'^([0-9a-fA-F]{2})*$'}
defs={'case':{'type':'object','required':['tcId','comment','flags','result'],
  'properties':{'tcId':{'type':'integer','not':{'const':0}},'comment':{'type':'string'},
   'flags':{'type':'array','items':{'type':'string'}},'result':{'enum':['valid','invalid']},'error':{'type':'string'}},
  'if':{'properties':{'result':{'const':'valid'}}},'then':{'not':{'required':['error']}}}}
allof=[]
for op,(fields,errors) in OPS.items():
    props={k:True for k in ['tcId','comment','flags','result']}
    props['error']={'enum':errors} if errors else False
    req=[];vreq=[];extra=[]
    for name,kind,pres in fields:
        if kind==B:
            props[name]={'type':'string'}; props[name+'Hex']=HEX
            extra.append({'not':{'required':[name,name+'Hex']}})
            one={'anyOf':[{'required':[name]},{'required':[name+'Hex']}]}
            if pres==R: extra.append(one)
            elif pres==V: extra.append({'if':{'properties':{'result':{'const':'valid'}}},'then':one})
            continue
        props[name]={S:{'type':'string'},I:{'type':'integer'},O:{'type':'object','additionalProperties':{'enum':['replaced','failed','malformed']}}}[kind]
        if pres==R: req.append(name)
        elif pres==V: vreq.append(name)
    d={'allOf':[{'$ref':'#/$defs/case'}]+extra,'type':'object','properties':props,'additionalProperties':False}
    if req: d['required']=req
    if vreq: d['if']={'properties':{'result':{'const':'valid'}}}; d['then']={'required':vreq}
    if op=='cloud189.userinfo':
        d['allOf'].append({'oneOf':[{'required':['answer']},{'required':['encryptedData']}]})
        d['allOf'].append({'if':{'required':['code']},'then':{'properties':{'error':{'const':'code'}},'required':['error']}})
    if op=='cloudid.field':
        d['allOf'].append({'if':{'required':['errCode']},'then':{'properties':{'error':{'const':'cloudid'}},'required':['error']}})
    if op=='errcode.answer':
        d['allOf'].append({'if':{'anyOf':[{'properties':{'result':{'const':'valid'}}},{'properties':{'error':{'const':'errcode'}},'required':['error']}]},
                           'then':{'required':['errcode','errmsg']},'else':{'not':{'anyOf':[{'required':['errcode']},{'required':['errmsg']}]}}})
        d['allOf'].append({'if':{'properties':{'result':{'const':'valid'}}},'then':{'properties':{'errcode':{'const':0}}}})
    if op=='msgpush.encrypt':
        d['properties']['result']={'const':'valid'}
        d['properties']['randomHex']={'type':'string','pattern':'^[0-9a-fA-F]{32}$'}
    defs['op:'+op]=d
    allof.append({'if':{'properties':{'operation':{'const':op}},'required':['operation']},'then':{'properties':{'tests':{'items':{'$ref':'#/$defs/op:'+op}}}}})
schema={'$schema':'https://json-schema.org/draft/2020-12/schema',
 '$id':'https://github.com/wxcrypto/wxcrypto/spec/vectors.schema.json',
 'title':'wxcrypto-vectors/v1 test-vector file',
 'description':'The format of spec/vectors.md. What a schema cannot say (an integer written 1.0, unique tcIds, unpaired surrogates, the checks themselves) the runners check.',
 'type':'object','required':['schema','operation','source','tests'],'additionalProperties':False,
 'properties':{'schema':{'const':'wxcrypto-vectors/v1'},'operation':{'enum':list(OPS)},'source':{'type':'string'},
  'notes':{'type':'object','additionalProperties':{'type':'string'}},
  'numberOfTests':{'type':'integer','minimum':1},
  'tests':{'type':'array','minItems':1,'items':{'type':'object'}}},
 'allOf':allof,'$defs':defs}
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'spec', 'vectors.schema.json'), 'w').write(json.dumps(schema,indent=2)+'\n')
