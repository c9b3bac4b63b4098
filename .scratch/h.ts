import { readHeader, slug } from '../src/audit/documents/headers.ts';
for (const h of ['p- Value', 'p^1- Value (Low vs. Zero)', 'p-Value', 'p^2-Value', 'Total (n = 232)', 'HER2-Zero (n = 60)', 'AUC', '95% CI', 'Sensitivity%', 'Cut-Off Value', 'Total (n = 232); n (%)']) console.log(h, '→', JSON.stringify(readHeader(h, { name: 'auc', kind: 'auc', header: '' })));
for (const l of ['ADC_5%', 'K_95%', 'Combined_Adc', 'A b', 'Regional diffuse', 'Ki67 group', 'Low (<40%)', 'Size mm', 'ADC_Mean']) console.log(l, slug(l));
