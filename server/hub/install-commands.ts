import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Fleet } from '../fleet/fleet';
import { displayReport, fleetCommandRequest } from '../fleet/fleet-schema';
import type { Meetings } from '../meeting/meetings';
import {
  heartbeat,
  inviteRequest,
  joinRequest,
  meetingRef,
  presentRequest,
  steerRequest,
} from '../meeting/view';
import { alertAckRequest, type AlertBook } from './alert-book';
import { defineCommand, installCommands, NO_REQUEST, type CommandName } from './commands';
import { subscribeRequest, type Hub } from './hub';
import type { IoServer } from './io';
import { clockPing } from './welcome';

export interface CommandParts {
  hub: Hub;
  alerts: AlertBook;
  meetings: Meetings;
  fleet: Fleet;
  clock: Clock;
}

/** Every command of the contract, one line each: its name, the schema of its request, its handler. */
function commandsOf({ hub, alerts, meetings, fleet, clock }: CommandParts) {
  return [
    defineCommand('feed:subscribe', subscribeRequest, (req, socket) => hub.subscribe(socket, req)),
    defineCommand('clock:ping', NO_REQUEST, () => clockPing(clock)),
    defineCommand('alert:ack', alertAckRequest, (req, s) => alerts.acknowledge(req.id, s.data.principal)),
    defineCommand('meeting:join', joinRequest, (req, socket) => meetings.join(socket, req)),
    defineCommand('meeting:leave', meetingRef, (req, socket) => meetings.leave(socket, req.id)),
    defineCommand('meeting:steer', steerRequest, (req, socket) => meetings.steer(socket, req)),
    defineCommand('meeting:present', presentRequest, (req, socket) => meetings.present(socket, req)),
    defineCommand('meeting:heartbeat', heartbeat, (req, socket) => meetings.heartbeat(socket, req)),
    defineCommand('meeting:roster', meetingRef, (req, socket) => meetings.roster(socket, req.id)),
    defineCommand('meeting:end', meetingRef, (req, socket) => meetings.end(socket, req)),
    defineCommand('meeting:invite', inviteRequest, (req, socket) => meetings.invite(socket, req)),
    defineCommand('display:report', displayReport, (req, socket) => fleet.report(socket, req)),
    defineCommand('fleet:list', NO_REQUEST, () => fleet.list(), 'cannot list the screens now'),
    defineCommand('fleet:command', fleetCommandRequest, (req) => fleet.command(req), 'command not sent'),
  ] as const;
}

/** The commands the list above defines, checked against the contract below. */
export type RegisteredCommand = ReturnType<typeof commandsOf>[number]['name'];
// A command of the contract without a line above does not compile: it would be refused as unknown.
const complete: [Exclude<CommandName, RegisteredCommand>] extends [never] ? true : never = true;
void complete;

/** Opens the one door of every command on every new socket. */
export function installAllCommands(io: IoServer, parts: CommandParts, audit: AuditLog): void {
  installCommands(io, commandsOf(parts), audit);
}
