import { makeStyles, tokens } from '@fluentui/react-components';

/** Layout shared by the pane and its lazily loaded panels. */
export const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: '12px', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: '12px' },
  section: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px', borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  chips: { display: 'flex', gap: '4px', flexWrap: 'wrap', listStyle: 'none', padding: 0, margin: 0 },
  // a long agenda item wraps inside its chip instead of spilling over the next one
  chip: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start', paddingTop: '2px', paddingBottom: '2px' },
  list: { margin: 0, paddingLeft: '20px' },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});
