import { PRODUCT_NAME } from '../../../../shared/product';
import { useDatabaseSwitch } from '../../app/database';

/** The empty database: the first steps, and the demo county to look around in. */
export function FirstStart({ onCreate }: { onCreate: () => void }) {
  const { openDemo } = useDatabaseSwitch();
  return (
    <div className="first-start" data-testid="first-start">
      <h2>欢迎使用{PRODUCT_NAME}</h2>
      <p>数据库还是空的。开始前请：</p>
      <ol>
        <li>新建考核年度：使用内置考核模板（依据 2019—2024 年山西、河南相关文件整理），或导入方案文件；</li>
        <li>在“考核对象”页添加或导入医疗集团、卫生院等考核对象；</li>
        <li>在“数据采集”页下载采集表，分发填报后导入。</li>
      </ol>
      <div className="toolbar">
        <button type="button" className="primary" onClick={onCreate} data-testid="first-start-create">
          新建考核年度（可载入示例模板）
        </button>
        <button type="button" onClick={() => void openDemo()} data-testid="first-start-demo">
          载入示例数据
        </button>
      </div>
      <p className="muted">
        想先看看一个完整的考核年度？“载入示例数据”打开示例县（2 个医疗集团、15 个乡镇卫生院、村卫生室，2023—2024
        两个年度）。 示例数据保存在数据文件夹中单独的数据库文件里，不会混入正式数据；随时可点“返回正式数据”。
      </p>
    </div>
  );
}
