-- English free text: risk tied to a label, a heading or "... risk"; detections mentioned positively or
-- answered in a "Thing: yes/no" list; things never mentioned stay NULL; a hyphen does not hide
-- what a word is ("fire-fighting", "smoke-detector", "heat-wave" are no detections).
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, E'Risk Level: HIGH\nSmoke: Yes\nFlames: No\nHeat signature: Not detected\nConfidence: 85%',
    'high', 0.85, true, false, false),
(2, E'**Risk level:** Moderate\n- Smoke: visible plume on the horizon\n- Flames: none visible\n- Confidence: 0.72',
    'medium', 0.72, true, false, NULL),
(3, 'The camera shows an active wildfire with tall flames and thick black smoke. Thermal signature detected. Risk level: critical. Confidence: 0.98',
    'critical', 0.98, true, true, true),
(4, 'Possible smoke near the ridge, but it could also be low clouds. Risk: medium. Confidence: 55%',
    'medium', 0.55, NULL, NULL, NULL),
(5, 'Smoke detected: true. Flame detected: false. Heat detected: false. Risk: medium, confidence 0.66',
    'medium', 0.66, true, false, false),
(6, 'Analysis complete. Risk: HIGH. Description: A large column of smoke rises from the forest; flames are not visible from this angle. Confidence: 0.83',
    'high', 0.83, true, false, NULL),
(7, 'The photo shows a controlled agricultural burn with small flames and light smoke. Risk: low. Confidence: 0.65',
    'low', 0.65, true, true, NULL),
(8, 'There is heavy smoke and fire, and a strong heat signature. Risk level: critical. Confidence level: 97%',
    'critical', 0.97, true, true, true),
(9, 'HIGH RISK: thick smoke over the ridge, flames not yet visible. 90% confidence.',
    'high', 0.9, true, false, NULL),
(10, 'Fire risk: low. The image shows a quiet forest road. Confidence: 0.85',
    'low', 0.85, NULL, NULL, NULL),
(11, 'RISK: LOW | SMOKE: NO | FLAME: NO | HEAT: NO | CONFIDENCE: 88',
    'low', 0.88, false, false, false),
(12, 'No immediate wildfire risk. Smoke from a chimney is visible in the village. Confidence: 75%',
    'none', 0.75, true, NULL, NULL),
(13, 'Overall risk is considered moderate. A thin column of smoke is visible; no open flames. Confidence level: 0.62',
    'medium', 0.62, true, false, NULL),
(14, 'Risk: LOW. Smoke-free sky, only low clouds. Confidence: 0.9',
    'low', 0.9, false, NULL, NULL),
(15, 'The risk of fire is high: hot spots are visible on the slope. Confidence: 0.8',
    'high', 0.8, NULL, NULL, true),
(16, 'A fire-fighting aircraft flies over a smoke-detector and a thermal-camera mast; heat-wave conditions.',
    NULL, NULL, NULL, NULL, NULL),
(17, 'Fire-risk: low. Smoke-free and flame-free; heat-signature detected.',
    'low', NULL, false, false, true);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('english');

SELECT * FROM finish();
ROLLBACK;
