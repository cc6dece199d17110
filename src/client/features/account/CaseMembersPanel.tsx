import './account.css';

import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { CaseRole, NoticeDisclosure, type MembersResponse } from '../../../contract/cases.contract';
import type { MessageKey } from '../../i18n/catalog';
import { errorText } from '../../i18n/error-text';
import { formatInstant } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';
import { memberErrorText } from './account-errors';
import { ROLE_LABEL } from './role-labels';
import { useAccount } from './use-account';
import { useMemberChange, useMembers, useNoticeDisclosure } from './use-members';

/**
 * Who works on a case, for the case screen to mount: `<CaseMembersPanel caseId={id} caseName={name} />`.
 * Local-only cases (signed out, no server, or not yet shared) say so and offer the next step.
 */
export function CaseMembersPanel(props: { caseId: string; caseName: string }) {
  const t = useT();
  const titleId = useId();
  const account = useAccount();
  const signedIn = account?.status === 'signed-in';
  const members = useMembers(props.caseId, signedIn);

  let body;
  if (!account) body = <p role="status">{t('common.loading')}</p>;
  else if (account.status === 'no-server') body = <p className="muted">{t('members.noServer')}</p>;
  else if (account.status === 'signed-out')
    body = (
      <p>
        <Link to={`/sign-in?next=${encodeURIComponent(`/cases/${props.caseId}`)}`}>
          {t('members.signInToShare')}
        </Link>
      </p>
    );
  else if (members.isPending) body = <p role="status">{t('common.loading')}</p>;
  else if (members.isError)
    body = (
      <p className="error" role="alert">
        {t('members.error.load', { reason: errorText(t, members.error) })}
      </p>
    );
  // Sharing (which also uploads the case's records) is the team sync panel's job, beside this one.
  else if (members.data === null) body = <p className="muted">{t('members.localOnly')}</p>;
  else body = <MembersTable data={members.data} myUserId={account.me.user.id} />;

  return (
    <section className="members-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('members.title')}</h2>
      {body}
    </section>
  );
}

function MembersTable(props: { data: MembersResponse; myUserId: string }) {
  const t = useT();
  const change = useMemberChange(props.data.caseId);
  // Said the same whatever the username: whether it names an account is not the inviter's to learn.
  const [invited, setInvited] = useState<string | null>(null);
  const { canManage } = props.data;
  return (
    <>
      <table className="members-table" aria-label={t('members.list')}>
        <thead>
          <tr>
            <th scope="col">{t('members.col.name')}</th>
            <th scope="col">{t('members.col.organization')}</th>
            <th scope="col">{t('members.col.contact')}</th>
            <th scope="col">{t('members.col.role')}</th>
            {canManage ? <th scope="col">{t('members.col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.data.members.map((m) => (
            <tr key={m.userId}>
              <th scope="row">
                {m.userId === props.myUserId ? t('members.you', { name: m.displayName }) : m.displayName}
                {m.displayName !== m.username ? <span className="muted"> ({m.username})</span> : null}
              </th>
              <td>{m.organization}</td>
              <td>{m.contact}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={t('members.roleOf', { name: m.displayName })}
                    value={m.role}
                    disabled={change.isPending}
                    onChange={(e) => {
                      const role = CaseRole.safeParse(e.target.value);
                      if (role.success) change.mutate({ kind: 'role', userId: m.userId, role: role.data });
                    }}
                  >
                    {CaseRole.options.map((r) => (
                      <option key={r} value={r}>
                        {t(ROLE_LABEL[r])}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(ROLE_LABEL[m.role])
                )}
              </td>
              {canManage ? (
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={t('members.removeNamed', { name: m.displayName })}
                    disabled={change.isPending}
                    onClick={() => change.mutate({ kind: 'remove', userId: m.userId })}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && props.data.invitations.length > 0 ? (
        <PendingInvitationsTable
          data={props.data}
          busy={change.isPending}
          onWithdraw={(id) => change.mutate({ kind: 'withdraw', invitationId: id })}
        />
      ) : null}
      {props.data.breakGlass.length > 0 ? <BreakGlassOpenings data={props.data} /> : null}
      {change.error ? (
        <p className="error" role="alert">
          {memberErrorText(t, change.error)}
        </p>
      ) : null}
      {canManage ? (
        <AddMemberForm
          onAdd={(username, role) => {
            setInvited(null);
            change.mutate({ kind: 'add', username, role }, { onSuccess: () => setInvited(username) });
          }}
          busy={change.isPending}
        />
      ) : null}
      <p role="status" className="hint">
        {invited !== null && !change.error ? t('members.invited', { username: invited }) : ''}
      </p>
      {props.data.yourRole === 'owner' ? <NoticeDisclosureChoice data={props.data} /> : null}
    </>
  );
}

/** Invitations not yet answered, as the case's managers see them: the username as typed, nothing more. */
function PendingInvitationsTable(props: {
  data: MembersResponse;
  busy: boolean;
  onWithdraw: (invitationId: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <table className="members-table invitations-table" aria-label={t('members.pending.list')}>
      <thead>
        <tr>
          <th scope="col">{t('members.add.username')}</th>
          <th scope="col">{t('members.col.role')}</th>
          <th scope="col">{t('members.pending.invitedAt')}</th>
          <th scope="col">{t('members.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.data.invitations.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <bdi>{i.username}</bdi>
            </th>
            <td>{t(ROLE_LABEL[i.role])}</td>
            <td>{formatInstant(i.invitedAt, language)}</td>
            <td>
              <button
                type="button"
                className="button"
                aria-label={t('members.pending.withdrawNamed', { username: i.username })}
                disabled={props.busy}
                onClick={() => props.onWithdraw(i.id)}
              >
                {t('members.pending.withdraw')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Administrators who opened the case by break-glass, newest first: the owners see who, when and why. */
function BreakGlassOpenings(props: { data: MembersResponse }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  return (
    <section className="break-glass" aria-labelledby={id}>
      <h3 id={id}>{t('members.breakGlass.title')}</h3>
      <ul>
        {props.data.breakGlass.map((g) => (
          <li key={`${g.username}-${g.openedAt}`}>
            {t('members.breakGlass.item', {
              name: g.displayName,
              date: formatInstant(g.openedAt, language),
              until: formatInstant(g.expiresAt, language),
              reason: g.reason,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

const DISCLOSURE_LABEL: Record<NoticeDisclosure, MessageKey> = {
  unit: 'members.disclosure.unit',
  'unit-and-case': 'members.disclosure.unitAndCase',
};

/** The owners' choice of what other cases' deconfliction notices show of this one (default: no name). */
function NoticeDisclosureChoice(props: { data: MembersResponse }) {
  const t = useT();
  const id = useId();
  const save = useNoticeDisclosure(props.data.caseId);
  return (
    <div className="field notice-disclosure">
      <label htmlFor={id}>{t('members.disclosure.label')}</label>
      <select
        id={id}
        value={props.data.noticeDisclosure}
        disabled={save.isPending}
        aria-describedby={`${id}-hint`}
        onChange={(e) => save.mutate(NoticeDisclosure.parse(e.target.value))}
      >
        {NoticeDisclosure.options.map((d) => (
          <option key={d} value={d}>
            {t(DISCLOSURE_LABEL[d])}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {t('members.disclosure.hint')}
      </p>
      {save.error ? (
        <p className="error" role="alert">
          {t('members.disclosure.failed', { reason: errorText(t, save.error) })}
        </p>
      ) : null}
    </div>
  );
}

function AddMemberForm(props: { onAdd: (username: string, role: CaseRole) => void; busy: boolean }) {
  const t = useT();
  const id = useId();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<CaseRole>('analyst');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim()) return;
    props.onAdd(username.trim(), role);
    setUsername('');
  }
  return (
    <form className="add-member" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('members.add.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('members.add.username')}</label>
        <input
          id={`${id}-user`}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('members.add.role')}</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => {
            const parsed = CaseRole.safeParse(e.target.value);
            if (parsed.success) setRole(parsed.data);
          }}
        >
          {CaseRole.options.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABEL[r])}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary" disabled={props.busy || !username.trim()}>
        {t('members.add.submit')}
      </button>
    </form>
  );
}
