"""The first-run wizard: the counter (agency, number, the ward's phone), the city's address,
the printer and paper with the holiday calendar's state, the first administrator. Shown when
the store is not set up or no user exists yet.

Each page checks its fields with the same rules as ``counter-app setup`` and ``sync
configure`` before it lets the clerk go on; the last page writes everything through the
services (store thread), so a refusal shows on the page and nothing is half set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QFormLayout, QSpinBox, QVBoxLayout, QWidget, QWizard, QWizardPage

from counter_app.domain.roles import Role
from counter_app.services.settings.counter import (
    CounterConfig,
    build_config,
    find_config,
)
from counter_app.services.settings.forms import (
    change_form_settings,
    check_form_setting,
    load_form_settings,
)
from counter_app.services.settings.intake import save_intake_settings
from counter_app.services.store.opening import Store
from counter_app.services.store.setup import set_up_counter
from counter_app.services.syncing.settings import load_sync_settings, save_sync_settings
from counter_app.services.users import (
    UserInfo,
    actor_name,
    add_user,
    check_full_name,
    check_new_password,
    check_role,
    check_username,
)
from sync.client import check_url
from ui.session import Session
from ui.users.calls import wait_for_store
from ui.users.setup_pages import PrintingCalendarPage
from ui.users.widgets import error_line, now, password_box, show_error, text_box

WIZARD_WIDTH = 760  # room for the long Vietnamese labels beside usable fields
MAX_COUNTER = 99  # build_config's bound; counters past 9 need a code range (setup --code-range)


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    full_name: str
    password: str


class CounterPage(QWizardPage):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.setTitle(self.tr("The counter"))
        self.setSubTitle(self.tr("Which agency receives dossiers here, and which counter this is."))
        self.agency_code = text_box("setup_agency_code", self, max_chars=40)
        self.agency_code.setPlaceholderText(self.tr("e.g. 000.31.27.H26 (QCVN 102)"))
        self.agency_name = text_box("setup_agency_name", self)
        self.agency_name.setPlaceholderText(self.tr("e.g. UBND phường Hoàn Kiếm"))
        self.counter = QSpinBox(self)
        self.counter.setObjectName("setup_counter")
        self.counter.setRange(1, MAX_COUNTER)
        self.url = text_box("setup_url", self, max_chars=500)
        self.url.setPlaceholderText("https://")
        self.phone = text_box("setup_phone", self, max_chars=40)
        self.phone.setPlaceholderText(self.tr("e.g. 024 3825 1234 (printed on every form)"))
        self.message = error_line("setup_counter_message", self)
        form = QFormLayout()
        form.addRow(self.tr("Agency code"), self.agency_code)
        form.addRow(self.tr("Agency name"), self.agency_name)
        form.addRow(self.tr("Counter number"), self.counter)
        form.addRow(self.tr("City system address (optional)"), self.url)
        form.addRow(self.tr("Ward's phone number"), self.phone)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.message)
        self.config: CounterConfig | None = None
        self._existing: CounterConfig | None = None
        self.checked_url = ""
        self.checked_phone = ""

    def prefill(self, config: CounterConfig | None, url: str, phone: str = "") -> None:
        """IT ran ``counter-app setup`` already: show its values, so Next keeps them."""
        self._existing = config
        self.phone.setText(phone)
        if config is not None:
            self.agency_code.setText(config.agency_code)
            self.agency_name.setText(config.agency_name)
            self.counter.setValue(config.counter)
        self.url.setText(url)

    def _kept_numbering(self) -> dict[str, Any]:
        """The code range and form set IT chose, kept while the counter number is the same."""
        old = self._existing
        if old is None or old.counter != self.counter.value():
            return {}
        return {"code_range": old.code_range, "form_set": old.form_set}

    def validatePage(self) -> bool:
        try:
            self.config, _warnings = build_config(
                agency_code=self.agency_code.text(),
                agency_name=self.agency_name.text(),
                counter=self.counter.value(),
                **self._kept_numbering(),
            )
            text = self.url.text().strip()
            self.checked_url = check_url(text) if text else ""
            self.checked_phone = check_form_setting("counter_phone", self.phone.text())
        except Exception as error:  # a typed refusal, shown on the page
            show_error(self.message, error, self._session.lang)
            return False
        self.message.clear()
        return True


class AdminPage(QWizardPage):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("This person signs in first and adds the other users."))
        self.username = text_box("setup_username", self, max_chars=32)
        self.full_name = text_box("setup_full_name", self, max_chars=100)
        self.password = password_box("setup_password", self)
        self.again = password_box("setup_password_again", self)
        self.message = error_line("setup_admin_message", self)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.message)
        self.admin: FirstAdmin | None = None

    def validatePage(self) -> bool:
        try:
            name = check_username(self.username.text())
            full = check_full_name(self.full_name.text())
            check_new_password(self.password.text(), self.again.text(), username=name)
        except Exception as error:
            show_error(self.message, error, self._session.lang)
            return False
        self.admin = FirstAdmin(name, full, self.password.text())
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard):
            return wizard.save()
        return True


class SetupWizard(QWizard):
    """Two pages; ``created`` is the administrator once the last page has saved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("Set up this counter"))
        self._session = session
        self.counter_page = CounterPage(session)
        self.printing_page = PrintingCalendarPage(session)
        self.admin_page = AdminPage(session)
        self.addPage(self.counter_page)
        self.addPage(self.printing_page)
        self.addPage(self.admin_page)
        self.setMinimumWidth(WIZARD_WIDTH)
        self.created: UserInfo | None = None
        self.counter_page.prefill(*wait_for_store(session, current_setup))

    def save(self) -> bool:
        config, url = self.counter_page.config, self.counter_page.checked_url
        admin = self.admin_page.admin
        if config is None or admin is None:
            return False
        local = LocalSetup(
            phone=self.counter_page.checked_phone,
            printer=self.printing_page.chosen_printer,
            paper=self.printing_page.chosen_paper,
        )
        try:
            self.created = wait_for_store(
                self._session, lambda store: write_setup(store, config, url, admin, local)
            )
        except Exception as error:
            show_error(self.admin_page.message, error, self._session.lang)
            return False
        return True


def current_setup(store: Store) -> tuple[CounterConfig | None, str, str]:
    """The counter's settings when the store was set up from the command line, else None."""
    config = find_config(store)
    phone = load_form_settings(store).counter_phone if config is not None else ""
    return config, load_sync_settings(store).url, phone


@dataclass(frozen=True)
class LocalSetup:
    """What this counter prints with: the ward's phone, the printer, the receipt paper."""

    phone: str
    printer: str
    paper: str


def write_setup(
    store: Store, config: CounterConfig, url: str, admin: FirstAdmin, local: LocalSetup
) -> UserInfo:
    """The store thread's part: the counter and sync settings, then the administrator.

    The audit rows carry the administrator's name ("user:NAME"), the person at the keyboard.
    The user comes last: if a step fails, the wizard shows again at the next start (no user
    yet) and saving the same settings again changes nothing.
    """
    actor, moment = actor_name(admin.username), now()
    set_up_counter(store, config, actor=actor, now=moment)
    if url:
        save_sync_settings(store, {"url": url}, actor=actor, now=moment)
    forms = {"receipt_layout": local.paper} | (
        {"counter_phone": local.phone} if local.phone else {}
    )
    change_form_settings(store, forms, actor=actor, now=moment)
    if local.printer:
        save_intake_settings(store, {"printer": local.printer}, actor=actor, now=moment)
    # Nobody is signed in yet: the service lets the first administrator be made by whoever
    # sets the counter up, and nobody else once one exists.
    return add_user(store, username=admin.username, full_name=admin.full_name,
                    role=check_role("administrator"), password=admin.password,
                    actor=actor, acting_role=Role.CLERK, now=moment)  # fmt: skip
