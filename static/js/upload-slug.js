// The upload form: the slug follows the volume's title as the editor types, spelled in Latin by
// the server (proceedings.transliteration, as when the slug is left empty), until the editor
// types a slug of their own; emptying the field lets it follow the title again.
"use strict";

(() => {
  const slug = document.getElementById("id_slug");
  if (!slug || !slug.dataset.slugUrl) {
    return;
  }
  const titles = ["id_title_en", "id_title_kk", "id_title_ru", "id_conference_name"]
    .map((id) => document.getElementById(id))
    .filter(Boolean);
  const year = document.getElementById("id_year");
  let ownSlug = slug.value !== "";
  let asked = 0;
  let timer = null;

  slug.addEventListener("input", () => {
    ownSlug = slug.value !== "";
  });

  const follow = () => {
    if (ownSlug) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const query = new URLSearchParams();
      titles.forEach((field) => query.append("title", field.value));
      query.set("year", year ? year.value : "");
      const ticket = ++asked;
      const response = await fetch(`${slug.dataset.slugUrl}?${query}`, { headers: { Accept: "application/json" } });
      if (response.ok && ticket === asked && !ownSlug) {
        slug.value = (await response.json()).slug;
      }
    }, 250);
  };
  [...titles, year].filter(Boolean).forEach((field) => field.addEventListener("input", follow));
})();
