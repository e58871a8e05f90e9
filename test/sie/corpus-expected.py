# Independent counts over the SIE corpus, used to write the expected table in
# reader.corpus.test.ts. Deliberately naive (regular expressions over lines, Decimal
# amounts), sharing no code with src/sie. Run: python3 test/sie/corpus-expected.py
import glob, json, os, re
from decimal import Decimal

ROW = re.compile(rb'^[ \t]*#(TRANS|RTRANS|BTRANS)[ \t]+("[^"]*"|\S+)[ \t]+\{[^}]*\}[ \t]*("[^"]*"|\S+)')
out = {}
for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), '../../fixtures/sie/*'))):
    name = os.path.basename(path)
    if name.endswith('.md') or os.path.isdir(path):
        continue
    data = open(path, 'rb').read()
    lines = re.split(rb'\r\n|\r|\n', data)
    ver = trans = rtrans = btrans = 0
    total = debit = 0
    konto = set()
    counts = {}
    for ln in lines:
        s = ln.lstrip(b' \t')
        m = re.match(rb'#([A-Z]+)', s)
        if not m:
            continue
        label = m.group(1).decode()
        counts[label] = counts.get(label, 0) + 1
        if label in ('KONTO', 'KTYP', 'ENHET', 'SRU'):
            konto.add(s.split()[1].strip(b'"'))
        r = ROW.match(ln)
        if r and r.group(1) == b'TRANS':
            ore = int(Decimal(r.group(3).strip(b'"').decode()) * 100)
            trans += 1
            total += ore
            if ore > 0:
                debit += ore
    out[name] = {
        'vouchers': counts.get('VER', 0),
        'trans': counts.get('TRANS', 0),
        'rtrans': counts.get('RTRANS', 0),
        'btrans': counts.get('BTRANS', 0),
        'sum': total,
        'debit': debit,
        'accounts': len(konto),
        'balances': counts.get('IB', 0) + counts.get('UB', 0) + counts.get('RES', 0),
        'periodBalances': counts.get('PSALDO', 0) + counts.get('PBUDGET', 0),
        'objects': counts.get('OBJEKT', 0),
    }
for k, v in out.items():
    print(json.dumps(k), json.dumps(v))
