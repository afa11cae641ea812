"""Print the topics assigned to each article of the seed proceedings, and the time it takes.

A check for people, not a test: the seed is split crudely at boundaries read by hand (numbers
are non-empty lines of the dump; the dump has an empty line after every text line), so it does
not depend on the real splitter. Run from the repository root:

    .venv/bin/python bench/topics_on_seed.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proceedings.importer.topics import assign_topics, load_vocabulary  # noqa: E402

SEED = ROOT / "fixtures" / "000_b9a1821462d33f30.txt"

# (first non-empty line, what the article is about, as read by a person)
ARTICLES = [
    (1, "kk crowdsourcing as an innovation model for companies"),
    (160, "kk deepfakes in cinema (The Irishman, digital actors)"),
    (274, "kk business communication in organisations"),
    (335, "kk human capital, knowledge economy and higher education"),
    (429, "kk AI in journalism, ChatGPT and the Kazakh language"),
    (503, "kk mass media concepts: framing, gatekeeping, convergence"),
    (544, "kk IP telephony"),
    (659, "kk AI in medicine, logistics, Midjourney, Web3"),
    (771, "ru national film producing model in Kazakhstan, cinematographers"),
    (1007, "kk AI as the journalist's new tool: benefits and risks"),
    (1407, "kk media and the promotion of tourist regions"),
    (1498, "kk mobile commerce"),
    (1616, "kk Chinese 'media + live-stream commerce' for Kazakhstan"),
    (1711, "ru China-Kazakhstan media cooperation, Belt and Road"),
    (1791, "ru innovative models of news communication"),
    (1832, "ru AI and media convergence"),
    (1873, "ru China-Kazakhstan media cooperation: language, culture, politics"),
    (1953, "kk Russian media and Kazakhstan, information war"),
    (2019, "kk detecting fake news with AI"),
    (2128, "kk user-generated content on social media"),
    (2189, "kk teenagers' consumption of video content"),
    (2239, "ru immersive journalism, VR and 360 video"),
    (2336, "kk history of photography and video"),
    (2503, "kk creative industries and media literacy"),
    (2596, "ru AI in screenwriting and film"),
    (2687, "kk AI and content production in communication"),
    (2761, "kk AI in media: the deepfake case"),
    (2867, "kk new media and traditional media in Kazakhstan"),
    (2979, "ru the brand and image of Kazakhstan"),
    (3085, "kk digital media: online outlets displaced by social networks"),
    (3195, "kk AI and copyright"),
    (3251, "ru corporate communications"),
    (3336, "kk AI in media and communication: podcasts, newsrooms"),
    (3429, "ru business environment: strategic groups of competitors"),
    (3543, "ru evaluating advertising and PR effectiveness"),
    (3681, "kk evaluating advertising and PR effectiveness"),
    (3821, "kk creativity in business"),
    (3918, "en media in China-Kazakhstan economic diplomacy"),
    (4014, "en DeepSeek and generative AI in news media"),
    (4075, "en AI in sports journalism in China"),
    (4134, "en AI in Chinese news and social media"),
    (4209, "en AI in South Korean news media"),
    (4289, "en journalists' changing roles in China's new media era"),
    (4571, "en AI in the news industry: gathering, writing, fact-checking"),
    (4953, "en AI, public diplomacy and China-Kazakhstan exchanges"),
    (5011, "en ethical data collection in media"),
    (5069, "en AI news algorithms and journalistic truth"),
    (5222, "en AI and news credibility on Chinese news portals"),
    (5313, "en traditional vs self-media during the epidemic, China and Kazakhstan"),
    (5381, "en AI-driven fake news and news credibility"),
    (5734, "en epidemic communication and algorithmic governance"),
    (5789, "en education and communication as soft power"),
    (6106, "en stress and stress tolerance at work"),
    (6292, "kk ignorance in the information society (philosophy)"),
    (6675, "en employee motivation and career anchors"),
    (6797, "ru national film producing (second copy in the dump)"),
    (7018, "kk cultural codes in Turkish and Kazakh cartoons"),
    (7057, "ru AR masks on social networks"),
]

_KEYWORDS = re.compile(r"^\s*(?:кілт сөздер|түйін сөздер|ключевые слова|keywords)\s*[:.]\s*(.+)$", re.I)


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def main() -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line != ""]
    vocabulary = load_vocabulary(json.loads((ROOT / "fixtures" / "topics.json").read_text("utf-8")))
    starts = [start for start, _ in ARTICLES] + [len(lines) + 1]
    pieces = []
    for (start, about), end in zip(ARTICLES, starts[1:], strict=True):
        text = lines[start - 1 : end - 1]
        heading = []
        while text and _is_heading(text[0]) and len(heading) < 3:
            heading.append(text.pop(0).strip())
        keywords = [
            kw.strip() for line in text if (m := _KEYWORDS.match(line)) for kw in m.group(1).split(",")
        ]
        pieces.append((start, about, " ".join(heading) or None, keywords, "\n".join(text)))

    began = time.perf_counter()
    results = [
        assign_topics(title=title, keywords=keywords, abstracts=[], body=body, vocabulary=vocabulary)
        for _, _, title, keywords, body in pieces
    ]
    elapsed = time.perf_counter() - began

    for (start, about, _, _, _), topics in zip(pieces, results, strict=True):
        print(f"{start:>5}  {about}\n       -> {', '.join(topics) or '(none)'}")
    print(f"\n{len(pieces)} articles in {elapsed:.3f} s")


if __name__ == "__main__":
    main()
