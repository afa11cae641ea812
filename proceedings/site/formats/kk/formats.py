# Kazakh date and number formats (Django ships translations for Kazakh but no format module).
# Dates read "17 сәуір 2025 ж."; numbers group thousands with a space, decimals with a comma.
DATE_FORMAT = r"j E Y \ж."
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"j E Y \ж. H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = r"F Y \ж."
MONTH_DAY_FORMAT = "j E"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
