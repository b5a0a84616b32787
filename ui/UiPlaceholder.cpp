// The desktop windows arrive with the tray and windows work; the headless mode needs none of them.
