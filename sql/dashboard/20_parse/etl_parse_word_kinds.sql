-- The words the detection rules know, and what each is to them.
CREATE OR REPLACE FUNCTION etl_parse_word_kinds()
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT '{
        "smoke": "?smoke", "smokes": "?smoke", "humo": "smoke", "humos": "smoke", "humareda": "smoke",
        "flame": "flame", "flames": "flame", "blaze": "flame",
        "fire": "?fire", "fires": "?fire", "wildfire": "?fire", "wildfires": "?fire", "incendio": "?fire",
        "incendios": "?fire", "fuego": "?fire", "fuegos": "?fire",
        "llama": "?llama", "llamas": "?llama",
        "thermal": "?thermal", "calor": "?calor", "termica": "?termica", "termicas": "?termica",
        "termico": "?termica", "termicos": "?termica", "hotspot": "heat", "hotspots": "heat",
        "heat": "?heat",
        "hot": "?hot",
        "caliente": "?caliente", "calientes": "?caliente",
        ".": "stop", ";": "stop", "!": "stop", "?": "question", "|": "stop", "\n": "stop",
        ",": "comma",
        ":": "colon", "=": "colon", "-": "skip", "(": "skip", ")": "skip",
        "unknown": "unknown", "undetermined": "unknown", "indeterminate": "unknown", "unavailable": "unknown",
        "unclear": "unknown", "desconocido": "unknown", "desconocida": "unknown", "indeterminado": "unknown",
        "indeterminada": "unknown", "na": "unknown",
        "evaluated": "?unstated", "assessed": "?unstated", "applicable": "?unstated", "available": "?unstated",
        "determined": "?unstated", "checked": "?unstated", "evaluado": "?unstated", "evaluada": "?unstated",
        "determinado": "?unstated", "determinada": "?unstated", "aplica": "?unstated",
        "disponible": "?unstated", "datos": "?unstated",
        "n": "?n", "actually": "drop", "realidad": "drop", "realmente": "drop",
        "but": "contrast", "however": "contrast", "although": "contrast", "though": "contrast",
        "whereas": "contrast", "while": "contrast", "except": "contrast", "pero": "contrast",
        "aunque": "contrast", "sino": "contrast", "embargo": "contrast", "excepto": "contrast",
        "salvo": "contrast", "mientras": "contrast",
        "instead": "?instead",
        "rather": "?rather",
        "lugar": "?lugar", "vez": "?lugar",
        "free": "?free", "libre": "?free",
        "clear": "?clear", "libres": "?clear", "exento": "?clear", "exenta": "?clear",
        "without": "pre", "neither": "pre", "nor": "pre", "never": "pre", "sin": "pre", "ni": "pre",
        "tampoco": "pre", "nunca": "pre", "nothing": "pre", "zero": "pre", "descarta": "pre", "descartan": "pre",
        "descartado": "postneg", "descartada": "postneg", "ruled": "?ruled", "absence": "pre", "ausencia": "pre", "lack": "pre",
        "no": "either", "not": "either", "none": "either", "ningun": "either", "ninguna": "either",
        "ninguno": "either", "nada": "either",
        "absent": "postneg", "ausente": "postneg", "ausentes": "postneg", "false": "postneg",
        "falso": "postneg", "negative": "postneg", "negativo": "postneg",
        "si": "?si",
        "yes": "postpos", "true": "postpos", "verdadero": "postpos", "positive": "postpos",
        "positivo": "postpos",
        "for": "neutral", "whether": "neutral", "buscar": "neutral", "busca": "neutral", "buscando": "neutral",
        "analyze": "?imperative", "analyse": "?imperative", "report": "?imperative", "describe": "?imperative",
        "identify": "?imperative", "detect": "?imperative", "determine": "?imperative",
        "assess": "?imperative", "evaluate": "?imperative", "check": "?imperative", "look": "?imperative",
        "indicate": "?imperative", "provide": "?imperative", "return": "?imperative", "respond": "?imperative",
        "answer": "?imperative", "state": "?imperative", "analiza": "?imperative", "analice": "?imperative",
        "analizar": "?imperative", "reporta": "?imperative", "reporte": "?imperative",
        "identifica": "?imperative", "identifique": "?imperative", "detecta": "?imperative",
        "detecte": "?imperative", "determina": "?imperative", "evalua": "?imperative", "evalue": "?imperative",
        "indica": "?imperative", "indique": "?imperative", "proporciona": "?imperative",
        "responde": "?imperative", "responda": "?imperative",
        "and": "list", "or": "list", "y": "?y", "o": "list", "e": "list", "u": "list", "any": "list",
        "other": "list", "signs": "list", "sign": "list", "signature": "list", "signatures": "list",
        "firma": "list", "firmas": "list", "spot": "list", "spots": "list", "evidence": "list",
        "trace": "list", "traces": "list", "indication": "list", "indications": "list", "indicio": "list",
        "indicios": "list", "senal": "list", "senales": "list", "signo": "list", "signos": "list",
        "rastro": "list", "rastros": "list", "anomaly": "list", "anomalies": "list", "anomalia": "list",
        "anomalias": "list", "column": "list", "columns": "list", "columna": "list", "columnas": "list",
        "plume": "list", "plumes": "list", "of": "list", "de": "list", "del": "list", "la": "list",
        "las": "list", "el": "list", "los": "list", "un": "list", "una": "list", "the": "list", "a": "list",
        "an": "list", "active": "list", "activa": "list", "activas": "list", "activo": "list",
        "activos": "list",
        "visible": "presence", "visibles": "presence", "present": "presence", "presente": "presence",
        "presentes": "presence", "detected": "presence", "detectado": "presence", "detectada": "presence",
        "detectados": "presence", "detectadas": "presence", "seen": "presence", "observed": "presence",
        "observado": "presence", "observada": "presence", "observados": "presence", "observadas": "presence",
        "apparent": "presence", "evident": "presence", "found": "presence", "identified": "presence",
        "detectable": "presence", "observable": "presence", "shown": "presence", "noted": "presence",
        "obvious": "presence", "spotted": "presence", "perceptible": "presence", "perceptibles": "presence",
        "apreciable": "presence", "apreciables": "presence", "aprecia": "presence", "aprecian": "presence",
        "observa": "presence", "observan": "presence", "detectan": "presence", "ve": "presence",
        "ven": "presence"
    }'::jsonb
$$;

COMMENT ON FUNCTION etl_parse_word_kinds() IS
'The word table of etl_parse_text_detections (folded words, etl_parse_fold): smoke, flame, heat; '
'stop, comma, colon, question, contrast; pre (a negation before: without, sin, ni), either (no, '
'not, none: before or after), postneg/postpos (an answer after: absent, false / yes, true), unknown '
'(unknown, n/a), drop (actually), list (words a negation reaches over: and, or, signs of), presence '
'(visible, detected), neutral, skip; "?" kinds depend on the neighbouring words.';

REVOKE ALL ON FUNCTION etl_parse_word_kinds() FROM PUBLIC;
