from proceedings.transliteration import slug_from_text, to_latin


def test_to_latin_covers_kazakh_letters():
    assert (
        to_latin("Әл-Фараби атындағы Қазақ ұлттық университеті")
        == "al-farabi atyndaghy qazaq ulttyq universiteti"
    )


def test_to_latin_russian():
    assert to_latin("Журналистика и СМИ") == "zhurnalistika i smi"


def test_slug_from_text_takes_first_words_and_is_ascii():
    title = "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ: АРТЫҚШЫЛЫҚТАРЫ МЕН ҚАУІПТЕРІ ТАҒЫ БАСҚА СӨЗДЕР"
    assert slug_from_text(title, max_words=5) == "zhasandy-intellekt-zhurnalisting-zhanga-quraly"


def test_slug_from_text_of_punctuation_is_empty():
    assert slug_from_text("«» – …") == ""
