"""factory-boy factories for the archive's models (tests build their own data; no fixtures)."""

import hashlib
import importlib

import factory
from django.contrib.auth.models import Group, Permission, User

from articles.models import Article, Topic
from authors.models import Authorship, Person
from authors.names import index_letter, sortable_name
from authors.search import person_search_vector
from proceedings.models import ImportJob, ImportJobStatus, Proceedings, ProceedingsStatus


class ProceedingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proceedings

    title_kk = factory.Sequence(lambda n: f"Журналистика және медиа: жинақ {n}")
    title_ru = factory.Sequence(lambda n: f"Журналистика и медиа: сборник {n}")
    title_en = factory.Sequence(lambda n: f"Journalism and media: proceedings {n}")
    conference_name = "Student research conference of the Faculty of Journalism"
    year = 2025
    place = "Almaty"
    slug = factory.Sequence(lambda n: f"proceedings-{n}")
    status = ProceedingsStatus.PUBLISHED


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_kk = factory.Sequence(lambda n: f"Тақырып {n}")
    name_ru = factory.Sequence(lambda n: f"Тема {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    proceedings = factory.SubFactory(ProceedingsFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"ЦИФРЛЫҚ МЕДИА {n}")
    title_display = factory.Sequence(lambda n: f"Цифрлық медиа {n}")
    language = "kk"
    body = "Ақпараттық технологиялардың қарқынды дамуы мен интернеттің кең таралуымен."
    source_start_line = factory.Sequence(lambda n: n * 100 + 1)
    source_end_line = factory.LazyAttribute(lambda article: article.source_start_line + 50)
    content_hash = factory.Sequence(lambda n: hashlib.sha256(f"article {n}".encode()).hexdigest())
    slug = factory.Sequence(lambda n: f"article-{n}")


class ImportJobFactory(factory.django.DjangoModelFactory):
    """An upload's job as the upload view leaves it; pass `status`, progress and counts."""

    class Meta:
        model = ImportJob

    volume = factory.SubFactory(ProceedingsFactory, status=ProceedingsStatus.DRAFT)
    volume_key = factory.LazyAttribute(lambda job: job.volume.pk)
    filename = "volume.pdf"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = ImportJobStatus.QUEUED


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    display_name = factory.Sequence(lambda n: f"Узбекова Г. С{n}.")
    match_key = factory.Sequence(lambda n: f"узбекова|г{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    # As person_resolve stores them, so the author index sees factory-made people.
    index_letter = factory.LazyAttribute(lambda person: index_letter(person.display_name))
    sort_name = factory.LazyAttribute(lambda person: sortable_name(person.display_name))
    name_variants = factory.List([])
    search_vector = factory.LazyAttribute(
        lambda person: person_search_vector(
            display_name=person.display_name, name_variants=person.name_variants
        )
    )


class AuthorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorship

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    role = "author"
    order = 1


def editors_group() -> Group:
    """The Editors group as its migration defines it. Made again when missing: the flush after
    every transactional (live-server) test empties the table the migration filled."""
    migration = importlib.import_module("proceedings.migrations.0002_editors_group")
    sections = importlib.import_module("proceedings.migrations.0010_section")  # granted later
    group, created = Group.objects.get_or_create(name=migration.EDITORS)
    if created:
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for (app_label, model), actions in [
                *migration.EDITOR_PERMISSIONS.items(),
                *sections.EDITOR_PERMISSIONS.items(),
            ]
            for action in actions
        )
    return group


def staff_user(name: str, *, editor: bool, password: str = "not-used") -> User:
    """A staff account, in the Editors group or not."""
    user = User.objects.create_user(name, password=password, is_staff=True)
    if editor:
        user.groups.add(editors_group())
    return user
