import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { forwardRef } from 'react';
import { getGridLocaleText } from './gridLocale';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif',
  fontSize: 13,
  headerFontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
  spacing: 5,
  accentColor: '#1f5fa8',
});

/** ag-grid with the app's theme and Chinese strings. */
export const Grid = forwardRef<AgGridReact, AgGridReactProps & { testId?: string; height?: number | string }>(
  function Grid({ testId, height = '100%', ...props }, ref) {
    return (
      <div className="grid-box" style={{ height }} data-testid={testId}>
        <AgGridReact
          ref={ref}
          theme={theme}
          getLocaleText={getGridLocaleText}
          suppressDragLeaveHidesColumns
          animateRows={false}
          enableCellTextSelection={!props.defaultColDef?.editable}
          {...props}
        />
      </div>
    );
  },
);
