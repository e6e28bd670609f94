"""Parses warehouse SQL with sqlglot (Debian's python3-sqlglot) and transpiles it to DuckDB.

Reads a JSON list of {"sql": ..., "dialect": "bigquery" | "snowflake" | "trino"} on stdin and
writes a JSON list of {"ok": true, "duckdb": ...} or {"ok": false, "error": ...}, one per item.

- Parsing raises on any error (error_level RAISE) and the text must be exactly one statement.
- The DuckDB text is for running the statement on DuckDB. sqlglot 10.6 translates the common
  functions itself; a function it does not know (an "anonymous" function) is renamed
  `<dialect>_<name>` (but for GROUPING, NULLIF and LAG, standard SQL), so that nothing passes
  through by luck under a DuckDB function of the same name: the test defines each of those
  vendor functions as a DuckDB macro, and a function that it does not define (a misspelt one,
  a new one) makes the statement fail. So is an approximate percentile (Trino's
  approx_percentile, which sqlglot writes as DuckDB's approx_quantile, a t-digest of its own).
- Three spellings sqlglot 10.6 reads but does not write for DuckDB are rewritten here: a date
  part written as a bare word (`DAY`, `microsecond`) becomes a string ('day'), and BigQuery's
  `array[OFFSET(k)]` (0-based) and `array[ORDINAL(k)]` become DuckDB's 1-based `array[k + 1]`
  and `array[k]`.
"""
import json
import sys

import sqlglot
from sqlglot import ErrorLevel, exp

# Standard SQL functions, in all three dialects, that sqlglot 10.6 does not know: kept as they are
# (LAG: BigQuery's navigation function, Snowflake's and Trino's window function, same arguments).
STANDARD = {'grouping', 'nullif', 'lag'}

DATE_PARTS = {
    'microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'
}


def date_part(node):
    """A bare date part (DAY) as a string literal ('day'); None for anything else."""
    if isinstance(node, (exp.Column, exp.Var)) and not (isinstance(node, exp.Column) and node.table) \
            and node.name.lower() in DATE_PARTS:
        return exp.Literal.string(node.name.lower())
    return None


def rewrite(dialect):
    def visit(node):
        if isinstance(node, exp.Bracket):
            index = node.expressions[0] if len(node.expressions) == 1 else None
            if isinstance(index, exp.Anonymous) and index.name.upper() in ('OFFSET', 'ORDINAL'):
                position = index.expressions[0]
                if not (isinstance(position, exp.Literal) and not position.is_string):
                    raise ValueError(f'unsupported array index {index.sql(dialect)}')
                one_based = int(position.name) + (1 if index.name.upper() == 'OFFSET' else 0)
                node.set('expressions', [exp.Literal.number(one_based)])
            return node
        if isinstance(node, exp.ApproxQuantile):
            args = [node.this, node.args['quantile']] + [node.args[k] for k in ('weight', 'accuracy') if node.args.get(k)]
            return exp.Anonymous(this=f'{dialect}_approx_percentile', expressions=args)
        if isinstance(node, exp.DateDiff) and node.args.get('unit') is not None:
            part = date_part(node.args['unit'])
            if part is not None:
                node.set('unit', part)
            return node
        if isinstance(node, exp.Func):
            for key, value in list(node.args.items()):
                if isinstance(value, list):
                    node.set(key, [date_part(v) or v for v in value])
                elif isinstance(value, exp.Expression):
                    part = date_part(value)
                    if part is not None:
                        node.set(key, part)
            if isinstance(node, exp.Anonymous) and node.name.lower() not in STANDARD:
                node.set('this', f'{dialect}_{node.name}'.lower())
        return node
    return visit


def check(item):
    dialect = item['dialect']
    try:
        statements = [s for s in sqlglot.parse(item['sql'], read=dialect, error_level=ErrorLevel.RAISE) if s is not None]
        if len(statements) != 1:
            return {'ok': False, 'error': f'{len(statements)} statements, expected one'}
        duck = statements[0].transform(rewrite(dialect)).sql(dialect='duckdb', unsupported_level=ErrorLevel.RAISE)
        return {'ok': True, 'duckdb': duck}
    except Exception as error:  # a parse error, an unsupported construct: reported, not raised
        return {'ok': False, 'error': f'{type(error).__name__}: {error}'}


if __name__ == '__main__':
    items = json.load(sys.stdin)
    json.dump([check(item) for item in items], sys.stdout)
