/**
 * 考核结果运用: for the year, the consequences the documents name (连续不合格 on a village clinic,
 * quoting 运政办发〔2019〕3号 第22条; 任期内多次不合格 on a group) and what each scheme's results feed
 * (年薪, 绩效工资总量, 资金分配, 任免), exportable; the term settings (county practice) are set here.
 */
import { TermSettingsPanel } from './result-uses/TermSettingsPanel';
import { AppointmentTable, FeedsTable, TermsTable } from './result-uses/UsesTables';
import { useResultUses } from './result-uses/useResultUses';

export function ResultUsesPage() {
  const { year, report, settings, form, exportWorkbook, saveSettings } = useResultUses();
  return (
    <div className="page" data-testid="uses-page">
      <div className="page-head">
        <h1>考核结果运用（{year} 年度）</h1>
        <div className="toolbar">
          <button type="button" onClick={() => void exportWorkbook()} data-testid="uses-export">
            导出 Excel
          </button>
        </div>
      </div>
      <p className="muted">
        考核结果用于：年薪（运政办发〔2019〕3号 第7条，汴政办〔2019〕74号
        四(四)）、绩效工资总量（第7条、第24条）、资金分配（第35条）、医保结余分配（第20条），并作为人事任免的重要依据（汴政办〔2019〕74号
        三(一)、四(七)；村卫生室见第22条）。
      </p>
      <AppointmentTable report={report} />
      <FeedsTable report={report} />
      <TermsTable report={report} />
      <TermSettingsPanel report={report} settings={settings} form={form} onSave={() => void saveSettings()} />
    </div>
  );
}
