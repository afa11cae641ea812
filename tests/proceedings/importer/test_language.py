from proceedings.importer.language import detect_language


def test_detect_language_kazakh_by_its_letters():
    text = "Бұл мақалада жасанды интеллекттің медиадағы рөлі қарастырылады және талданады."

    assert detect_language(text) == "kk"


def test_detect_language_russian_without_kazakh_letters():
    text = "В статье рассматривается роль искусственного интеллекта в современных СМИ."

    assert detect_language(text) == "ru"


def test_detect_language_english_latin_script():
    text = "This paper examines the application of AI technologies in China's news media."

    assert detect_language(text) == "en"


def test_detect_language_kazakh_with_latin_i_inside_cyrillic_words():
    text = "Жасанды интеллект медиа саласында кеңiнен қолданылып, жаңа мүмкiндiктер ашуда."

    assert detect_language(text) == "kk"


def test_detect_language_russian_with_a_stray_kazakh_name():
    text = (
        "Исследование проводилось в Алматы; по мнению Ғ. Мүсірепова, которого цитирует автор, "
        "медиа становятся важнейшим инструментом формирования общественного мнения в стране."
    )

    assert detect_language(text) == "ru"
