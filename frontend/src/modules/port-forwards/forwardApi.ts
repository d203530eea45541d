/**
 * The backend calls of port-forwards (CONTRACT §11). A forward goes to `ref.clusterId` only.
 * DELETE carries a JSON content type: the backend's door refuses state changes without one.
 */
import { postJson, readJsonBody, requestJson, sendRequest } from '../../core/http';
import type {
  ObjectRef,
  PortForward,
  PortForwardList,
  PortForwardRequest,
} from '../../core/types.generated';

export const FORWARDS_PATH = '/api/v1/port-forwards';

export function startForward(
  ref: ObjectRef,
  remotePort: number,
  localPort: number | null,
): Promise<PortForward> {
  const body: PortForwardRequest = { ref, remotePort, localPort };
  return postJson<PortForward>(FORWARDS_PATH, body);
}

export async function listForwards(): Promise<PortForward[]> {
  return (await requestJson<PortForwardList>(FORWARDS_PATH)).items;
}

export async function stopForward(id: string): Promise<void> {
  const path = `${FORWARDS_PATH}/${encodeURIComponent(id)}`;
  const response = await sendRequest(path, {
    method: 'DELETE',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) await readJsonBody(response, path);
}
