import type { PartnerCallName } from '../../shared/api/partners-contract.js';
import type { Studio } from '../studio.js';
import { ConnectionService } from '../sync/connections.js';
import { PartnerService } from '../sync/partners.js';
import type { Handlers } from './handlers.js';

/** Handlers of the partner, Profile and Connections calls; spread into createHandlers. */
export function partnerHandlers(studio: Studio): Pick<Handlers, PartnerCallName> {
  const p = new PartnerService(studio.sync, studio.store);
  const c = new ConnectionService(studio.sync, studio.events);
  return {
    'partners.referral': () => p.referral(),
    'profile.get': () => p.verification(),
    'profile.sendPhoneCode': ({ phone, country }) => p.sendPhoneCode(phone, country),
    'profile.confirmPhone': ({ code }) => p.confirmPhone(code),
    'profile.uploadDocument': ({ path }) => p.uploadDocument(path, studio.files),
    'profile.submitIdentity': (input) => p.submitIdentity(input),
    'profile.enrollTotp': (input) => p.enrollTotp(input),
    'profile.verifyTotp': (input) => p.verifyTotp(input),
    'withdrawals.summary': () => p.withdrawals(),
    'withdrawals.create': (input) => p.withdraw(input),
    'withdrawals.get': ({ id }) => p.withdrawal(id),
    'connections.clients': () => c.clients(),
    'connections.createClient': ({ name }) => c.createClient(name),
    'connections.list': ({ clientId }) => c.connections(clientId),
    'connections.oauthStart': ({ platform, clientId }) => c.startOAuth(platform, clientId),
    'connections.oauthFinish': (input) => c.finishOAuth(input),
    'connections.oauthCancel': ({ flowId }) => c.cancelOAuth(flowId),
    'connections.wordpress': (input) => c.connectWordPress(input),
    'connections.lineOa': (input) => c.connectLineOa(input),
    'connections.remove': ({ id }) => c.removeConnection(id),
    'notices.unread': () => p.notices(),
    'notices.markRead': ({ ids }) => p.markNoticesRead(ids),
  };
}
