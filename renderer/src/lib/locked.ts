import { localTimeText } from '../../../shared/time';

/** Why a locked scheme's results take no bonus, deduction or veto (shown on the disabled buttons). */
export function lockedReason(lockedAt: string | null | undefined): string {
  const when = lockedAt ? `于 ${localTimeText(lockedAt)} ` : '';
  return `本方案已${when}定稿，不能加减分或一票否决；如需修改，请先到“定稿”页解除定稿并说明原因。`;
}
