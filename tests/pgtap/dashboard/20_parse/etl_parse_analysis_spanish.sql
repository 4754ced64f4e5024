-- Spanish free text: riesgo/nivel labels, alto/medio/moderado/bajo/nulo/crítico, confianza with
-- comma decimals, humo/llamas/fuego/incendio/calor/firma térmica and sin/ni/no negations.
BEGIN;

\ir ../../include/parse_cases.sql

INSERT INTO parse_case VALUES
(1, 'Análisis: se detecta humo denso y una firma térmica en la zona este, sin llamas visibles. Riesgo: alto. Confianza: 0,82',
    'high', 0.82, true, false, true),
(2, 'Riesgo: moderado. Hay humo ligero pero no se observan llamas ni calor. Confianza 70%',
    'medium', 0.7, true, false, false),
(3, 'Nivel de riesgo: NULO. No hay humo, fuego ni anomalías térmicas. Confianza: 97 %',
    'none', 0.97, false, false, false),
(4, 'Se aprecia un incendio activo con llamas de gran altura. Riesgo crítico. Confianza: 99%',
    'critical', 0.99, NULL, true, NULL),
(5, 'Riesgo bajo; no se detecta humo. Confianza: alta',
    'low', NULL, false, NULL, NULL),
(6, 'Humo: sí. Llamas: no. Firma térmica: no. Nivel de riesgo: medio. Confianza: 0.7',
    'medium', 0.7, true, false, false),
(7, 'Riesgo de incendio: moderado. Se ve humo gris a lo lejos, sin llamas. Confianza del 75%',
    'medium', 0.75, true, false, NULL),
(8, 'Alto riesgo: incendio forestal activo con llamas visibles y humo denso. Confianza: 0,93',
    'high', 0.93, true, true, NULL),
(9, 'No hay riesgo. La imagen muestra niebla matinal, no humo. Confianza: 85 %',
    'none', 0.85, false, NULL, NULL),
(10, 'Nivel: bajo. Punto caliente detectado en la ladera, sin humo ni fuego. Confianza 0.6',
    'low', 0.6, false, false, true),
(11, 'RIESGO CRÍTICO. Llamas activas junto a la carretera. Confianza: 95 por ciento',
    'critical', 0.95, NULL, true, NULL);

SELECT plan(count(*)::integer) FROM parse_case;

SELECT * FROM pg_temp.parse_cases_check('spanish');

SELECT * FROM finish();
ROLLBACK;
