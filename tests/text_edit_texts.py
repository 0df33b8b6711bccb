"""The interview and its corrected version that the text-edit tests replace one by the other."""

INTERVIEW = (
    "Interviewer: Hoe begon de werkplaats bij jullie op school?\n"
    "Sanne: We zijn gestart met drie docenten. Later kwam de hogeschool erbij.\n"
    "Interviewer: Wat vond de schoolleider ervan?\n"
    "Sanne: Hij gaf ons elke week twee uur. Zonder die tijd was het niet gelukt.\n"
)
CORRECTED = (
    "Interviewer: Hoe begon de werkplaats bij jullie op school?\n"
    "Sanne: We zijn gestart met vier docenten.\n"
    "Interviewer: Wat vond de schoolleider daarvan?\n"
    "Sanne: Hij gaf ons elke week twee uur. Zonder die tijd was het niet gelukt.\n"
)
