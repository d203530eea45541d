/**
 * Cluster identity as CONTRACT §1 spells it, mirroring backend/clusters/identity.py:
 * `clusterId` = `<file>:<context>` with `%`, `:` and `|` percent-encoded in the file and `%` and
 * `|` in the context, so an id splits at its first `:`. Parsing accepts only the canonical
 * encoding, so `formatClusterId(parseClusterId(x)) === x` for every accepted `x`.
 */

export interface ClusterIdentity {
  /** The kubeconfig file name (decoded). */
  file: string;
  /** The context name (decoded); the contract's `clusterName`. */
  context: string;
}

/** Thrown for a string that is not a clusterId or scope; `code` matches the backend's 400s. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: 'bad_cluster_id' | 'bad_scope';

  constructor(code: 'bad_cluster_id' | 'bad_scope', message: string) {
    super(message);
    this.code = code;
  }
}

const FILE_ESCAPES: Record<string, string> = { '%': '%25', ':': '%3A', '|': '%7C' };
const CONTEXT_ESCAPES: Record<string, string> = { '%': '%25', '|': '%7C' };
const FILE_ENCODED = /^(?:[^%:|]|%25|%3A|%7C)+$/;
const CONTEXT_ENCODED = /^(?:[^%|]|%25|%7C)+$/;
const ESCAPE_SEQUENCE = /%25|%3A|%7C/g;
const UNESCAPES: Record<string, string> = { '%25': '%', '%3A': ':', '%7C': '|' };

function encode(text: string, escapes: Record<string, string>): string {
  return Array.from(text, (char) => escapes[char] ?? char).join('');
}

function decode(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, (sequence) => UNESCAPES[sequence] ?? sequence);
}

/** `<file>:<context>` with the contract's percent-encoding. Both parts must be non-empty. */
export function formatClusterId(file: string, context: string): string {
  if (!file || !context) {
    throw new IdentityError('bad_cluster_id', 'A clusterId needs a non-empty file and context.');
  }
  return `${encode(file, FILE_ESCAPES)}:${encode(context, CONTEXT_ESCAPES)}`;
}

/** Split and decode a clusterId; a malformed one throws IdentityError `bad_cluster_id`. */
export function parseClusterId(clusterId: string): ClusterIdentity {
  const colon = clusterId.indexOf(':');
  const filePart = colon < 0 ? '' : clusterId.slice(0, colon);
  const contextPart = colon < 0 ? '' : clusterId.slice(colon + 1);
  if (colon < 0 || !FILE_ENCODED.test(filePart) || !CONTEXT_ENCODED.test(contextPart)) {
    throw new IdentityError(
      'bad_cluster_id',
      `\`${clusterId}\` is not a cluster id; expected \`<file>:<context>\` with \`%\`, \`:\` and` +
        ' `|` percent-encoded in the file and `%` and `|` in the context.',
    );
  }
  return { file: decode(filePart), context: decode(contextPart) };
}

export function isClusterId(text: string): boolean {
  try {
    parseClusterId(text);
    return true;
  } catch {
    return false;
  }
}
