<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Autostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Cannot remove %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>Cannot create the folder of %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>ClaudeCodeDialog</name>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Put back the settings file as it was before Switchyard changed it?</source>
        <translation>Put back the settings file as it was before Switchyard changed it?</translation>
    </message>
    <message>
        <source>Configure Claude Code</source>
        <translation>Configure Claude Code</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>Apply changes</translation>
    </message>
    <message>
        <source>Restore previous settings</source>
        <translation>Restore previous settings</translation>
    </message>
    <message>
        <source>Claude Code reads &lt;b&gt;%1&lt;/b&gt;. Switchyard sets ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in its &lt;code&gt;env&lt;/code&gt; block and keeps every other setting as it is. A backup is kept next to it.</source>
        <translation>Claude Code reads &lt;b&gt;%1&lt;/b&gt;. Switchyard sets ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in its &lt;code&gt;env&lt;/code&gt; block and keeps every other setting as it is. A backup is kept next to it.</translation>
    </message>
    <message>
        <source>The file is not valid JSON, so Switchyard leaves it alone. Fix it (or move it away) and open this window again.</source>
        <translation>The file is not valid JSON, so Switchyard leaves it alone. Fix it (or move it away) and open this window again.</translation>
    </message>
    <message>
        <source>Nothing to change: Claude Code already uses %1.</source>
        <translation>Nothing to change: Claude Code already uses %1.</translation>
    </message>
    <message>
        <source>The file does not exist yet (or is empty); it will be created.</source>
        <translation>The file does not exist yet (or is empty); it will be created.</translation>
    </message>
    <message>
        <source>ANTHROPIC_API_KEY is removed from this file&apos;s env block only: with two keys set, Claude Code warns or uses the wrong one. If your shell exports ANTHROPIC_API_KEY, unset it there too.</source>
        <translation>ANTHROPIC_API_KEY is removed from this file&apos;s env block only: with two keys set, Claude Code warns or uses the wrong one. If your shell exports ANTHROPIC_API_KEY, unset it there too.</translation>
    </message>
    <message>
        <source>No client key is configured, so Switchyard accepts any token; a placeholder is written.</source>
        <translation>No client key is configured, so Switchyard accepts any token; a placeholder is written.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Not changed: %1</translation>
    </message>
    <message>
        <source>Done. New Claude Code sessions use Switchyard; restart sessions that are already open.</source>
        <translation>Done. New Claude Code sessions use Switchyard; restart sessions that are already open.</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>Not restored: %1</translation>
    </message>
    <message>
        <source>The previous settings are back.</source>
        <translation>The previous settings are back.</translation>
    </message>
</context>
<context>
    <name>ClientKeysPage</name>
    <message>
        <source>The system keychain did not save the keys: %1. Keys kept there work until Switchyard quits; replace them once the keychain works again.</source>
        <translation>The system keychain did not save the keys: %1. Keys kept there work until Switchyard quits; replace them once the keychain works again.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Key kept in</source>
        <translation>Key kept in</translation>
    </message>
    <message>
        <source>Clients such as Claude Code present one of these keys (x-api-key or Authorization: Bearer) once any key is enabled. Give each person or machine a key of their own: records and statistics show the key&apos;s id, never the key. Switchyard generates every key and shows it once.</source>
        <translation>Clients such as Claude Code present one of these keys (x-api-key or Authorization: Bearer) once any key is enabled. Give each person or machine a key of their own: records and statistics show the key&apos;s id, never the key. Switchyard generates every key and shows it once.</translation>
    </message>
    <message>
        <source>Add key…</source>
        <translation>Add key…</translation>
    </message>
    <message>
        <source>Generates a new key and shows it once</source>
        <translation>Generates a new key and shows it once</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Edits the name of the selected key (the id stays)</source>
        <translation>Edits the name of the selected key (the id stays)</translation>
    </message>
    <message>
        <source>Replace key…</source>
        <translation>Replace key…</translation>
    </message>
    <message>
        <source>Generates a new key for the selected id; the old key stops working at once</source>
        <translation>Generates a new key for the selected id; the old key stops working at once</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Removes the selected key; calls with it are refused from then on</source>
        <translation>Removes the selected key; calls with it are refused from then on</translation>
    </message>
    <message>
        <source>Double-click to rename</source>
        <translation>Double-click to rename</translation>
    </message>
    <message>
        <source>Calls with this key are accepted</source>
        <translation>Calls with this key are accepted</translation>
    </message>
    <message>
        <source>Calls with this key are refused</source>
        <translation>Calls with this key are refused</translation>
    </message>
    <message>
        <source>Switchyard listens on %1, where other machines can reach it: every call must present one of the enabled keys.</source>
        <translation>Switchyard listens on %1, where other machines can reach it: every call must present one of the enabled keys.</translation>
    </message>
    <message>
        <source>Switchyard is set to listen on %1, where other machines can reach it, but no key is enabled: add or enable a key.</source>
        <translation>Switchyard is set to listen on %1, where other machines can reach it, but no key is enabled: add or enable a key.</translation>
    </message>
    <message>
        <source>Every call must present one of the enabled keys. Switchyard listens on this computer only; to let other machines in, choose 0.0.0.0 or a LAN address in the General tab.</source>
        <translation>Every call must present one of the enabled keys. Switchyard listens on this computer only; to let other machines in, choose 0.0.0.0 or a LAN address in the General tab.</translation>
    </message>
    <message>
        <source>No key is enabled: Switchyard accepts every call without a key. That is safe only while it listens on this computer only, as now; add a key before listening on 0.0.0.0 or a LAN address.</source>
        <translation>No key is enabled: Switchyard accepts every call without a key. That is safe only while it listens on this computer only, as now; add a key before listening on 0.0.0.0 or a LAN address.</translation>
    </message>
    <message>
        <source>New keys are kept in %1, not in Switchyard&apos;s database.</source>
        <translation>New keys are kept in %1, not in Switchyard&apos;s database.</translation>
    </message>
    <message>
        <source>No system keychain was found: new keys are stored in Switchyard&apos;s database in the data folder, as plain text. A key written in the configuration as an environment reference ($VARIABLE) stays out of the database.</source>
        <translation>No system keychain was found: new keys are stored in Switchyard&apos;s database in the data folder, as plain text. A key written in the configuration as an environment reference ($VARIABLE) stays out of the database.</translation>
    </message>
    <message>
        <source>System keychain (missing: replace the key)</source>
        <translation>System keychain (missing: replace the key)</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>System keychain</translation>
    </message>
    <message>
        <source>Environment variable %1</source>
        <translation>Environment variable %1</translation>
    </message>
    <message>
        <source>Environment variables %1</source>
        <translation>Environment variables %1</translation>
    </message>
    <message>
        <source>Switchyard&apos;s database (plain text)</source>
        <translation>Switchyard&apos;s database (plain text)</translation>
    </message>
    <message>
        <source>the listen address %1 lets other machines reach Switchyard, and without an enabled client key anyone there could use your platforms. Add or enable another key first, or listen on 127.0.0.1 in the General tab.</source>
        <translation>the listen address %1 lets other machines reach Switchyard, and without an enabled client key anyone there could use your platforms. Add or enable another key first, or listen on 127.0.0.1 in the General tab.</translation>
    </message>
    <message>
        <source>Give the key an id: it names the key in the records and statistics.</source>
        <translation>Give the key an id: it names the key in the records and statistics.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; may contain only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</source>
        <translation>&quot;%1&quot; may contain only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by another key.</source>
        <translation>&quot;%1&quot; is already used by another key.</translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; cannot name a keychain entry (only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;): remove this key and add one with another id</source>
        <translation>the id &quot;%1&quot; cannot name a keychain entry (only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;): remove this key and add one with another id</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Not added: %1</translation>
    </message>
    <message>
        <source>Added the key &quot;%1&quot;.</source>
        <translation>Added the key &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Not changed: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is enabled: calls with its key are accepted.</source>
        <translation>&quot;%1&quot; is enabled: calls with its key are accepted.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is disabled: calls with its key are refused.</source>
        <translation>&quot;%1&quot; is disabled: calls with its key are refused.</translation>
    </message>
    <message>
        <source>No key is enabled now: Switchyard accepts calls without a key.</source>
        <translation>No key is enabled now: Switchyard accepts calls without a key.</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot;.</source>
        <translation>Renamed &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Not removed: %1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;: calls with its key are refused.</source>
        <translation>Removed &quot;%1&quot;: calls with its key are refused.</translation>
    </message>
    <message>
        <source>Not replaced: %1</source>
        <translation>Not replaced: %1</translation>
    </message>
    <message>
        <source>Replaced the key of &quot;%1&quot;: the old key is refused from now on.</source>
        <translation>Replaced the key of &quot;%1&quot;: the old key is refused from now on.</translation>
    </message>
    <message>
        <source>Add client key</source>
        <translation>Add client key</translation>
    </message>
    <message>
        <source>Switchyard generates the key and shows it once. The id names the key in the records and statistics; the name says who or what uses it.</source>
        <translation>Switchyard generates the key and shows it once. The id names the key in the records and statistics; the name says who or what uses it.</translation>
    </message>
    <message>
        <source>e.g. alice (letters, digits, _ . -)</source>
        <translation>e.g. alice (letters, digits, _ . -)</translation>
    </message>
    <message>
        <source>Optional, e.g. Alice&apos;s laptop</source>
        <translation>Optional, e.g. Alice&apos;s laptop</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Add key</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Replace client key</source>
        <translation>Replace client key</translation>
    </message>
    <message>
        <source>Make a new key for &quot;%1&quot;? The current key stops working at once: every client that uses it must be given the new one.</source>
        <translation>Make a new key for &quot;%1&quot;? The current key stops working at once: every client that uses it must be given the new one.</translation>
    </message>
    <message>
        <source>Remove client key</source>
        <translation>Remove client key</translation>
    </message>
    <message>
        <source>Remove the key &quot;%1&quot;? Clients that use it are refused from now on; its records stay.</source>
        <translation>Remove the key &quot;%1&quot;? Clients that use it are refused from now on; its records stay.</translation>
    </message>
    <message>
        <source>New key for %1</source>
        <translation>New key for %1</translation>
    </message>
    <message>
        <source>Client key %1</source>
        <translation>Client key %1</translation>
    </message>
    <message>
        <source>Copy the key of &quot;%1&quot; now: it is shown only this once.</source>
        <translation>Copy the key of &quot;%1&quot; now: it is shown only this once.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Switchyard keeps it in %1 and will not show it again. If it is lost, Replace key… makes a new one.</source>
        <translation>Switchyard keeps it in %1 and will not show it again. If it is lost, Replace key… makes a new one.</translation>
    </message>
    <message>
        <source>Switchyard keeps it in its database in the data folder, as plain text (no system keychain was found), and will not show it again. If it is lost, Replace key… makes a new one.</source>
        <translation>Switchyard keeps it in its database in the data folder, as plain text (no system keychain was found), and will not show it again. If it is lost, Replace key… makes a new one.</translation>
    </message>
    <message>
        <source>The previous key of &quot;%1&quot; no longer works: every client that used it needs this one.</source>
        <translation>The previous key of &quot;%1&quot; no longer works: every client that used it needs this one.</translation>
    </message>
    <message>
        <source>The key is disabled: enable it in the list before a client uses it.</source>
        <translation>The key is disabled: enable it in the list before a client uses it.</translation>
    </message>
    <message>
        <source>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). On this computer, Configure Claude Code… in the tray menu (or the Tools menu) does it: it writes the first enabled key, which is this one.</source>
        <translation>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). On this computer, Configure Claude Code… in the tray menu (or the Tools menu) does it: it writes the first enabled key, which is this one.</translation>
    </message>
    <message>
        <source>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). Configure Claude Code… in the tray menu writes the first enabled key (&quot;%1&quot;), not this one: where this key is used, set ANTHROPIC_AUTH_TOKEN to it and ANTHROPIC_BASE_URL to Switchyard&apos;s address.</source>
        <translation>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). Configure Claude Code… in the tray menu writes the first enabled key (&quot;%1&quot;), not this one: where this key is used, set ANTHROPIC_AUTH_TOKEN to it and ANTHROPIC_BASE_URL to Switchyard&apos;s address.</translation>
    </message>
    <message>
        <source>Until now Switchyard accepted calls without a key. From now on every call must present an enabled key: a Claude Code set up before with a placeholder token is refused until it is configured again.</source>
        <translation>Until now Switchyard accepted calls without a key. From now on every call must present an enabled key: a Claude Code set up before with a placeholder token is refused until it is configured again.</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Switchyard is not listening</source>
        <translation>Switchyard is not listening</translation>
    </message>
    <message>
        <source>Shell setup copied</source>
        <translation>Shell setup copied</translation>
    </message>
    <message>
        <source>Paste it into a terminal, then start claude. It contains the client key &quot;%1&quot;.</source>
        <translation>Paste it into a terminal, then start claude. It contains the client key &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Paste it into a terminal, then start claude. No client key is configured, so the token is a placeholder.</source>
        <translation>Paste it into a terminal, then start claude. No client key is configured, so the token is a placeholder.</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Switchyard cannot start:

%1</source>
        <translation>Switchyard cannot start:

%1</translation>
    </message>
</context>
<context>
    <name>InMemorySecretStore</name>
    <message>
        <source>memory (test keychain)</source>
        <translation>memory (test keychain)</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>the system keychain</source>
        <translation>the system keychain</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>no keychain</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>the keychain did not answer within %1 s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About Switchyard</source>
        <translation>About Switchyard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchyard %1&lt;/h3&gt;&lt;p&gt;Run Claude Code on any model: a local proxy with routing, fallback and records.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Switchyard %1&lt;/h3&gt;&lt;p&gt;Run Claude Code on any model: a local proxy with routing, fallback and records.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Platforms</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Import configuration…</source>
        <translation>&amp;Import configuration…</translation>
    </message>
    <message>
        <source>&amp;Export configuration…</source>
        <translation>&amp;Export configuration…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Configure &amp;Claude Code…</source>
        <translation>Configure &amp;Claude Code…</translation>
    </message>
    <message>
        <source>Copy &amp;shell setup</source>
        <translation>Copy &amp;shell setup</translation>
    </message>
    <message>
        <source>&amp;Find calls…</source>
        <translation>&amp;Find calls…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Switchyard</source>
        <translation>&amp;About Switchyard</translation>
    </message>
    <message>
        <source>Listening on %1 · mode %2</source>
        <translation>Listening on %1 · mode %2</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>Paused: not accepting calls</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>Not listening: %1</translation>
    </message>
    <message>
        <source>Last route: %1</source>
        <translation>Last route: %1</translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation>Failing: %1</translation>
    </message>
    <message>
        <source>Quit Switchyard</source>
        <translation>Quit Switchyard</translation>
    </message>
    <message>
        <source>Quit Switchyard? The proxy stops and Claude Code cannot reach it until you start Switchyard again.</source>
        <translation>Quit Switchyard? The proxy stops and Claude Code cannot reach it until you start Switchyard again.</translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>Import configuration</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Nothing was changed.

%1</source>
        <translation>Nothing was changed.

%1</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>Export configuration</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
</context>
<context>
    <name>ModelListEditor</name>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Add the entry typed or chosen on the left</source>
        <translation>Add the entry typed or chosen on the left</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove the selected entry (Delete)</source>
        <translation>Remove the selected entry (Delete)</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>Move up (Alt+Up)</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>Move down (Alt+Down)</translation>
    </message>
    <message>
        <source>Drag to reorder; untick to switch an entry off without removing it</source>
        <translation>Drag to reorder; untick to switch an entry off without removing it</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 is already in the list.</translation>
    </message>
    <message>
        <source>Switched off: kept in the list, not used</source>
        <translation>Switched off: kept in the list, not used</translation>
    </message>
</context>
<context>
    <name>ModelPriceEditor</name>
    <message>
        <source>Price of %1, per million tokens</source>
        <translation>Price of %1, per million tokens</translation>
    </message>
    <message>
        <source>Price per million tokens: select a model in the table</source>
        <translation>Price per million tokens: select a model in the table</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>same as input</source>
        <translation>same as input</translation>
    </message>
    <message>
        <source>Used for the cost column of the statistics. Without a price, the cost of this model&apos;s calls is unknown.</source>
        <translation>Used for the cost column of the statistics. Without a price, the cost of this model&apos;s calls is unknown.</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Input:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>Cache read:</source>
        <translation>Cache read:</translation>
    </message>
    <message>
        <source>Cache write:</source>
        <translation>Cache write:</translation>
    </message>
    <message>
        <source>A price needs both the input and the output price: type 0 for free. Leave all four fields empty when the cost is unknown.</source>
        <translation>A price needs both the input and the output price: type 0 for free. Leave all four fields empty when the cost is unknown.</translation>
    </message>
    <message>
        <source>What a million input tokens cost (those not read from or written to the prompt cache).</source>
        <translation>What a million input tokens cost (those not read from or written to the prompt cache).</translation>
    </message>
    <message>
        <source>What a million output tokens cost.</source>
        <translation>What a million output tokens cost.</translation>
    </message>
    <message>
        <source>What a million input tokens read from the prompt cache cost. Empty: the input price.</source>
        <translation>What a million input tokens read from the prompt cache cost. Empty: the input price.</translation>
    </message>
    <message>
        <source>What a million input tokens written to the prompt cache cost. Empty: the input price.</source>
        <translation>What a million input tokens written to the prompt cache cost. Empty: the input price.</translation>
    </message>
    <message>
        <source>Use list price</source>
        <translation>Use list price</translation>
    </message>
    <message>
        <source>Fills the four fields with the list price; Save applies it like any other edit</source>
        <translation>Fills the four fields with the list price; Save applies it like any other edit</translation>
    </message>
</context>
<context>
    <name>ModelPriceText</name>
    <message>
        <source>The input price</source>
        <translation>The input price</translation>
    </message>
    <message>
        <source>The output price</source>
        <translation>The output price</translation>
    </message>
    <message>
        <source>The cache read price</source>
        <translation>The cache read price</translation>
    </message>
    <message>
        <source>The cache write price</source>
        <translation>The cache write price</translation>
    </message>
    <message>
        <source>%1 must be a number from 0 to %2, per million tokens.</source>
        <translation>%1 must be a number from 0 to %2, per million tokens.</translation>
    </message>
    <message>
        <source>Enter both the input and the output price (0 when free), or leave all four fields empty.</source>
        <translation>Enter both the input and the output price (0 when free), or leave all four fields empty.</translation>
    </message>
    <message>
        <source>Per million tokens, in %1: input %2, output %3, cache read %4, cache write %5</source>
        <translation>Per million tokens, in %1: input %2, output %3, cache read %4, cache write %5</translation>
    </message>
    <message>
        <source>free</source>
        <translation>free</translation>
    </message>
    <message>
        <source>Models on this computer count as free unless you set a price.</source>
        <translation>Models on this computer count as free unless you set a price.</translation>
    </message>
    <message>
        <source> (cache read %1, cache write %2)</source>
        <translation> (cache read %1, cache write %2)</translation>
    </message>
    <message>
        <source> (cache read %1)</source>
        <translation> (cache read %1)</translation>
    </message>
    <message>
        <source> (cache write %1)</source>
        <translation> (cache write %1)</translation>
    </message>
    <message>
        <source>%1&apos;s list price: %2 / %3 %4 per million tokens%5</source>
        <translation>%1&apos;s list price: %2 / %3 %4 per million tokens%5</translation>
    </message>
    <message>
        <source>The list is in US dollars and this platform&apos;s currency is %1.</source>
        <translation>The list is in US dollars and this platform&apos;s currency is %1.</translation>
    </message>
</context>
<context>
    <name>PlatformsPage</name>
    <message>
        <source>Add platform</source>
        <translation>Add platform</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <source>Used in routing lists as &quot;id:model&quot;, in records and statistics. Letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</source>
        <translation>Used in routing lists as &quot;id:model&quot;, in records and statistics. Letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Base URL:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Show the key while you type it</source>
        <translation>Show the key while you type it</translation>
    </message>
    <message>
        <source>Enabled (a disabled platform is never used and its key is not looked up)</source>
        <translation>Enabled (a disabled platform is never used and its key is not looked up)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Checks the address, the key and the model list with the settings above (unsaved changes included)</source>
        <translation>Checks the address, the key and the model list with the settings above (unsaved changes included)</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Refresh models</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>Context window</translation>
    </message>
    <message>
        <source>Max output</source>
        <translation>Max output</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>Vision</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Reasoning</translation>
    </message>
    <message>
        <source>Use defaults for the selected model</source>
        <translation>Use defaults for the selected model</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save and use at once (Ctrl+S)</source>
        <translation>Save and use at once (Ctrl+S)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No platforms yet&lt;/h3&gt;&lt;p&gt;Add the services Switchyard may send requests to: Anthropic-compatible ones for pass-through, or DashScope, OpenRouter, SiliconFlow, Ollama, LM Studio and any OpenAI-compatible service.&lt;/p&gt;&lt;p&gt;Use &lt;b&gt;Add platform&lt;/b&gt; below the list.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No platforms yet&lt;/h3&gt;&lt;p&gt;Add the services Switchyard may send requests to: Anthropic-compatible ones for pass-through, or DashScope, OpenRouter, SiliconFlow, Ollama, LM Studio and any OpenAI-compatible service.&lt;/p&gt;&lt;p&gt;Use &lt;b&gt;Add platform&lt;/b&gt; below the list.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No key yet: type it here</source>
        <translation>No key yet: type it here</translation>
    </message>
    <message>
        <source>No key needed (optional)</source>
        <translation>No key needed (optional)</translation>
    </message>
    <message>
        <source>The key is missing from the system keychain: type it again</source>
        <translation>The key is missing from the system keychain: type it again</translation>
    </message>
    <message>
        <source>••••%1 in the system keychain (type to replace)</source>
        <translation>••••%1 in the system keychain (type to replace)</translation>
    </message>
    <message>
        <source>%1 (from the environment; type to replace)</source>
        <translation>%1 (from the environment; type to replace)</translation>
    </message>
    <message>
        <source>••••%1 stored in Switchyard&apos;s database (type to replace)</source>
        <translation>••••%1 stored in Switchyard&apos;s database (type to replace)</translation>
    </message>
    <message>
        <source>New keys are kept in %1, not in Switchyard&apos;s database.</source>
        <translation>New keys are kept in %1, not in Switchyard&apos;s database.</translation>
    </message>
    <message>
        <source>No system keychain was found: a key typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $%1 keeps it out of the database.</source>
        <translation>No system keychain was found: a key typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $%1 keeps it out of the database.</translation>
    </message>
    <message>
        <source> (runs on this computer)</source>
        <translation> (runs on this computer)</translation>
    </message>
    <message>
        <source>Required, e.g. https://host/v1</source>
        <translation>Required, e.g. https://host/v1</translation>
    </message>
    <message>
        <source>The API root without a version; Switchyard appends /v1/messages</source>
        <translation>The API root without a version; Switchyard appends /v1/messages</translation>
    </message>
    <message>
        <source>Including the API version (…/v1); Switchyard appends /chat/completions</source>
        <translation>Including the API version (…/v1); Switchyard appends /chat/completions</translation>
    </message>
    <message>
        <source>Listed in the configuration</source>
        <translation>Listed in the configuration</translation>
    </message>
    <message>
        <source>set</source>
        <translation>set</translation>
    </message>
    <message>
        <source>Remove platform</source>
        <translation>Remove platform</translation>
    </message>
    <message>
        <source>Remove %1? Routing lists that use it must be changed before saving.</source>
        <translation>Remove %1? Routing lists that use it must be changed before saving.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Testing %1…</translation>
    </message>
    <message>
        <source>Reading the model list of %1…</source>
        <translation>Reading the model list of %1…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n model available.</numerusform>
            <numerusform>%n models available.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use a three-letter currency code, such as USD or CNY.</source>
        <translation>Use a three-letter currency code, such as USD or CNY.</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Currency:</translation>
    </message>
    <message>
        <source>The currency of this platform&apos;s prices: a three-letter code such as USD or CNY. The statistics add up costs per currency.</source>
        <translation>The currency of this platform&apos;s prices: a three-letter code such as USD or CNY. The statistics add up costs per currency.</translation>
    </message>
    <message>
        <source>Price in / out</source>
        <translation>Price in / out</translation>
    </message>
    <message>
        <source>Values in bold are your own settings; the others come from the platform&apos;s list, the model&apos;s family or the type&apos;s defaults. Edit a cell to set it; set a price below the table.</source>
        <translation>Values in bold are your own settings; the others come from the platform&apos;s list, the model&apos;s family or the type&apos;s defaults. Edit a cell to set it; set a price below the table.</translation>
    </message>
    <message>
        <source>Clears the capabilities set for the selected model; its price stays</source>
        <translation>Clears the capabilities set for the selected model; its price stays</translation>
    </message>
    <message>
        <source>The price being typed is not complete yet; see below the table</source>
        <translation>The price being typed is not complete yet; see below the table</translation>
    </message>
    <message>
        <source>Use list prices for models without a price</source>
        <translation>Use list prices for models without a price</translation>
    </message>
    <message>
        <source>List price, not used until you apply it</source>
        <translation>List price, not used until you apply it</translation>
    </message>
    <message>
        <source>Sets the list price as the price of every model in the table that has none; models with a price keep theirs. Save applies them.</source>
        <translation>Sets the list price as the price of every model in the table that has none; models with a price keep theirs. Save applies them.</translation>
    </message>
    <message>
        <source>Every model in the table with a list price has a price already</source>
        <translation>Every model in the table with a list price has a price already</translation>
    </message>
</context>
<context>
    <name>RecordDetailDialog</name>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Request id</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source> (streamed)</source>
        <translation> (streamed)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Route decision</source>
        <translation>Route decision</translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation>Model asked for</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source> (platform: %1)</source>
        <translation> (platform: %1)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Tokens in → out</source>
        <translation>Tokens in → out</translation>
    </message>
    <message>
        <source>Cache read / written</source>
        <translation>Cache read / written</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>First byte</translation>
    </message>
    <message>
        <source>Platform time</source>
        <translation>Platform time</translation>
    </message>
    <message>
        <source>Added by Switchyard</source>
        <translation>Added by Switchyard</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client key</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Body sizes</source>
        <translation>Body sizes</translation>
    </message>
    <message>
        <source>request %1, response %2</source>
        <translation>request %1, response %2</translation>
    </message>
    <message>
        <source> (bodies not stored)</source>
        <translation> (bodies not stored)</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Call %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message numerus="yes">
        <source>Response (%n event(s))</source>
        <translation>
            <numerusform>Response (%n event)</numerusform>
            <numerusform>Response (%n events)</numerusform>
        </translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Platform and model</source>
        <translation>Platform and model</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Mode %1, endpoint %2</source>
        <translation>Mode %1, endpoint %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tokens in → out</source>
        <translation>Tokens in → out</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>First byte</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Model (exact)</source>
        <translation>Model (exact)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation>Succeeded (2xx)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Client errors (4xx)</source>
        <translation>Client errors (4xx)</translation>
    </message>
    <message>
        <source>Server errors (5xx)</source>
        <translation>Server errors (5xx)</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Request, response and route of the selected call (Enter)</source>
        <translation>Request, response and route of the selected call (Enter)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Clear records…</source>
        <translation>Clear records…</translation>
    </message>
    <message>
        <source>Export selected calls as JSON Lines…</source>
        <translation>Export selected calls as JSON Lines…</translation>
    </message>
    <message>
        <source>Export all matching calls as JSON Lines…</source>
        <translation>Export all matching calls as JSON Lines…</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Any platform</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
    <message>
        <source>The records cannot be read: %1</source>
        <translation>The records cannot be read: %1</translation>
    </message>
    <message>
        <source>No call matches these filters.</source>
        <translation>No call matches these filters.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No calls yet&lt;/h3&gt;&lt;p&gt;Point Claude Code at Switchyard and every call appears here as it happens:&lt;/p&gt;&lt;p&gt;&lt;code&gt;export ANTHROPIC_BASE_URL=%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;or use &lt;b&gt;Configure Claude Code…&lt;/b&gt; in the tray menu.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No calls yet&lt;/h3&gt;&lt;p&gt;Point Claude Code at Switchyard and every call appears here as it happens:&lt;/p&gt;&lt;p&gt;&lt;code&gt;export ANTHROPIC_BASE_URL=%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;or use &lt;b&gt;Configure Claude Code…&lt;/b&gt; in the tray menu.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Call details</source>
        <translation>Call details</translation>
    </message>
    <message>
        <source>This call cannot be shown: %1</source>
        <translation>This call cannot be shown: %1</translation>
    </message>
    <message>
        <source>Select the calls to export first.</source>
        <translation>Select the calls to export first.</translation>
    </message>
    <message>
        <source>Export calls</source>
        <translation>Export calls</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;All files (*)</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>The export failed: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1</source>
        <translation>
            <numerusform>Exported %n call to %1</numerusform>
            <numerusform>Exported %n calls to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear records</source>
        <translation>Clear records</translation>
    </message>
    <message numerus="yes">
        <source>Delete every recorded call (%n call(s)), with their requests and responses? This cannot be undone. The usage statistics are kept.</source>
        <translation>
            <numerusform>Delete every recorded call (%n call), with their requests and responses? This cannot be undone. The usage statistics are kept.</numerusform>
            <numerusform>Delete every recorded call (%n calls), with their requests and responses? This cannot be undone. The usage statistics are kept.</numerusform>
        </translation>
    </message>
    <message>
        <source>The records could not be deleted: %1</source>
        <translation>The records could not be deleted: %1</translation>
    </message>
    <message>
        <source>Search id, model, platform, session, error (Ctrl+F)</source>
        <translation>Search id, model, platform, session, error (Ctrl+F)</translation>
    </message>
    <message>
        <source>Counting calls…</source>
        <translation>Counting calls…</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <source>Routing mode:</source>
        <translation>Routing mode:</translation>
    </message>
    <message>
        <source>Claude Code pass-through</source>
        <translation>Claude Code pass-through</translation>
    </message>
    <message>
        <source>Global priority list</source>
        <translation>Global priority list</translation>
    </message>
    <message>
        <source>Smart routing by scene</source>
        <translation>Smart routing by scene</translation>
    </message>
    <message>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <source>Priority list</source>
        <translation>Priority list</translation>
    </message>
    <message>
        <source>Smart routing</source>
        <translation>Smart routing</translation>
    </message>
    <message>
        <source>Anthropic-compatible platforms, tried in this order (empty: every enabled one)</source>
        <translation>Anthropic-compatible platforms, tried in this order (empty: every enabled one)</translation>
    </message>
    <message>
        <source>Platform id</source>
        <translation>Platform id</translation>
    </message>
    <message>
        <source>Models tried in this order; the first that answers wins</source>
        <translation>Models tried in this order; the first that answers wins</translation>
    </message>
    <message>
        <source>platform:model</source>
        <translation>platform:model</translation>
    </message>
    <message>
        <source>Routing models: small, fast models that choose the scene, tried in order</source>
        <translation>Routing models: small, fast models that choose the scene, tried in order</translation>
    </message>
    <message>
        <source>Models answering this scene, in order</source>
        <translation>Models answering this scene, in order</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>Scenes</translation>
    </message>
    <message>
        <source>Add scene</source>
        <translation>Add scene</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>e.g. coding</source>
        <translation>e.g. coding</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>What requests belong here, in words the routing model reads</source>
        <translation>What requests belong here, in words the routing model reads</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save and use for new requests at once (Ctrl+S)</source>
        <translation>Save and use for new requests at once (Ctrl+S)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>Requests go unchanged to Anthropic-compatible platforms, with the model Claude Code asked for; the next platform answers when one fails.</source>
        <translation>Requests go unchanged to Anthropic-compatible platforms, with the model Claude Code asked for; the next platform answers when one fails.</translation>
    </message>
    <message>
        <source>Every request goes to the first model of the priority list that answers; OpenAI-format platforms are converted to and from Anthropic&apos;s format.</source>
        <translation>Every request goes to the first model of the priority list that answers; OpenAI-format platforms are converted to and from Anthropic&apos;s format.</translation>
    </message>
    <message>
        <source>A routing model reads each request and picks a scene by its name and description; that scene&apos;s models answer, in order.</source>
        <translation>A routing model reads each request and picks a scene by its name and description; that scene&apos;s models answer, in order.</translation>
    </message>
    <message>
        <source>write it as platform:model</source>
        <translation>write it as platform:model</translation>
    </message>
    <message>
        <source>there is no platform &quot;%1&quot;</source>
        <translation>there is no platform &quot;%1&quot;</translation>
    </message>
    <message>
        <source>platform &quot;%1&quot; is disabled</source>
        <translation>platform &quot;%1&quot; is disabled</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not Anthropic-compatible</source>
        <translation>&quot;%1&quot; is not Anthropic-compatible</translation>
    </message>
    <message>
        <source>A scene needs at least one model.</source>
        <translation>A scene needs at least one model.</translation>
    </message>
    <message>
        <source>scene</source>
        <translation>scene</translation>
    </message>
    <message>
        <source>The priority list is empty: requests would have nowhere to go.</source>
        <translation>The priority list is empty: requests would have nowhere to go.</translation>
    </message>
    <message>
        <source>Smart routing needs at least one routing model.</source>
        <translation>Smart routing needs at least one routing model.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Tier and scenario rules</source>
        <translation>Tier and scenario rules</translation>
    </message>
</context>
<context>
    <name>RoutingRulesEditor</name>
    <message>
        <source>Claude asks for haiku</source>
        <translation>Claude asks for haiku</translation>
    </message>
    <message>
        <source>Claude asks for sonnet</source>
        <translation>Claude asks for sonnet</translation>
    </message>
    <message>
        <source>Claude asks for opus</source>
        <translation>Claude asks for opus</translation>
    </message>
    <message>
        <source>Background requests</source>
        <translation>Background requests</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Thinking</translation>
    </message>
    <message>
        <source>Long context</source>
        <translation>Long context</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;haiku&quot; (Claude Code&apos;s small, fast model and its Explore sub-agents) go to these models first.</source>
        <translation>Requests for a model whose name contains &quot;haiku&quot; (Claude Code&apos;s small, fast model and its Explore sub-agents) go to these models first.</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;sonnet&quot; go to these models first.</source>
        <translation>Requests for a model whose name contains &quot;sonnet&quot; go to these models first.</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;opus&quot; go to these models first.</source>
        <translation>Requests for a model whose name contains &quot;opus&quot; go to these models first.</translation>
    </message>
    <message>
        <source>Claude Code&apos;s own small requests — session titles, topic checks, warm-ups — go to these models first: a small, cheap, fast model.</source>
        <translation>Claude Code&apos;s own small requests — session titles, topic checks, warm-ups — go to these models first: a small, cheap, fast model.</translation>
    </message>
    <message>
        <source>Requests with thinking switched on go to these models first: a strong reasoning model. Claude Code 2.1 asks for thinking in every main request.</source>
        <translation>Requests with thinking switched on go to these models first: a strong reasoning model. Claude Code 2.1 asks for thinking in every main request.</translation>
    </message>
    <message>
        <source>Requests whose estimated input is above the threshold go to these models first: models with a large context window.</source>
        <translation>Requests whose estimated input is above the threshold go to these models first: models with a large context window.</translation>
    </message>
    <message>
        <source>Requests with an image anywhere in the conversation go to these models first: models that can see images.</source>
        <translation>Requests with an image anywhere in the conversation go to these models first: models that can see images.</translation>
    </message>
    <message>
        <source>Rules apply in every mode, before any model is called, in this order. Each rule that matches a request puts its models first; the mode&apos;s own models follow as fallbacks. A rule without models is off.</source>
        <translation>Rules apply in every mode, before any model is called, in this order. Each rule that matches a request puts its models first; the mode&apos;s own models follow as fallbacks. A rule without models is off.</translation>
    </message>
    <message>
        <source>Threshold (estimated input tokens):</source>
        <translation>Threshold (estimated input tokens):</translation>
    </message>
    <message>
        <source>Models for this rule, tried in order</source>
        <translation>Models for this rule, tried in order</translation>
    </message>
    <message>
        <source>platform:model</source>
        <translation>platform:model</translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation>%1 (off)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n model(s))</source>
        <translation>
            <numerusform>%1 (%n model)</numerusform>
            <numerusform>%1 (%n models)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Switchyard starts when you log in.</source>
        <translation>Switchyard starts when you log in.</translation>
    </message>
    <message>
        <source>Switchyard no longer starts at login.</source>
        <translation>Switchyard no longer starts at login.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Listen on:</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or a LAN address: other machines too (needs a client key).</source>
        <translation>127.0.0.1: this computer only. 0.0.0.0 or a LAN address: other machines too (needs a client key).</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Moves the proxy to this address now; calls already running finish</source>
        <translation>Moves the proxy to this address now; calls already running finish</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Record every call (time, route, status, tokens, timings)</source>
        <translation>Record every call (time, route, status, tokens, timings)</translation>
    </message>
    <message>
        <source>Keep requests and responses too (compressed)</source>
        <translation>Keep requests and responses too (compressed)</translation>
    </message>
    <message>
        <source>Keep for:</source>
        <translation>Keep for:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>forever</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>At most:</translation>
    </message>
    <message>
        <source> MB of bodies</source>
        <translation> MB of bodies</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Start Switchyard when I log in</source>
        <translation>Start Switchyard when I log in</translation>
    </message>
    <message>
        <source>Debug logging (more detail in the log)</source>
        <translation>Debug logging (more detail in the log)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Clear view</source>
        <translation>Clear view</translation>
    </message>
    <message>
        <source>The database with the configuration and the records. A new folder is used from the next start.</source>
        <translation>The database with the configuration and the records. A new folder is used from the next start.</translation>
    </message>
    <message>
        <source>From the next start: %1</source>
        <translation>From the next start: %1</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Listening on %1</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>Not listening: %1</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>Paused: not accepting calls</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Not changed: %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Switchyard uses %1 from the next start.</source>
        <translation>Switchyard uses %1 from the next start.</translation>
    </message>
    <message>
        <source>Connection to platforms</source>
        <translation>Connection to platforms</translation>
    </message>
    <message>
        <source>Proxy server:</source>
        <translation>Proxy server:</translation>
    </message>
    <message>
        <source>Use the system environment (HTTPS_PROXY, NO_PROXY)</source>
        <translation>Use the system environment (HTTPS_PROXY, NO_PROXY)</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>No proxy</translation>
    </message>
    <message>
        <source>Manual proxy</source>
        <translation>Manual proxy</translation>
    </message>
    <message>
        <source>How Switchyard reaches the platforms: through the proxy that HTTPS_PROXY, HTTP_PROXY and ALL_PROXY name (except the hosts in NO_PROXY), always directly, or through the proxy written below</source>
        <translation>How Switchyard reaches the platforms: through the proxy that HTTPS_PROXY, HTTP_PROXY and ALL_PROXY name (except the hosts in NO_PROXY), always directly, or through the proxy written below</translation>
    </message>
    <message>
        <source>Proxy URL:</source>
        <translation>Proxy URL:</translation>
    </message>
    <message>
        <source>http://host:port or socks5://host:port; a user name may come before the host (http://user@host:port). $VARIABLE references are expanded.</source>
        <translation>http://host:port or socks5://host:port; a user name may come before the host (http://user@host:port). $VARIABLE references are expanded.</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Remove password</source>
        <translation>Remove password</translation>
    </message>
    <message>
        <source>The proxy is used without a password once you save</source>
        <translation>The proxy is used without a password once you save</translation>
    </message>
    <message>
        <source>No proxy for:</source>
        <translation>No proxy for:</translation>
    </message>
    <message>
        <source>Comma-separated: host names (a name covers its subdomains too), .domains (only the subdomains), IP addresses, CIDR ranges such as 10.0.0.0/8, or * for every host</source>
        <translation>Comma-separated: host names (a name covers its subdomains too), .domains (only the subdomains), IP addresses, CIDR ranges such as 10.0.0.0/8, or * for every host</translation>
    </message>
    <message>
        <source>Local model servers (localhost, 127.0.0.1) are always reached directly, never through the proxy. Through an HTTP proxy, HTTPS platforms stay encrypted end to end: the proxy only relays the connection (CONNECT).</source>
        <translation>Local model servers (localhost, 127.0.0.1) are always reached directly, never through the proxy. Through an HTTP proxy, HTTPS platforms stay encrypted end to end: the proxy only relays the connection (CONNECT).</translation>
    </message>
    <message>
        <source>No password (removed when you save)</source>
        <translation>No password (removed when you save)</translation>
    </message>
    <message>
        <source>A new password is kept in %1, not in Switchyard&apos;s database.</source>
        <translation>A new password is kept in %1, not in Switchyard&apos;s database.</translation>
    </message>
    <message>
        <source>No system keychain was found: a password typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $PROXY_PASSWORD keeps it out of the database.</source>
        <translation>No system keychain was found: a password typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $PROXY_PASSWORD keeps it out of the database.</translation>
    </message>
    <message>
        <source>No password (optional)</source>
        <translation>No password (optional)</translation>
    </message>
    <message>
        <source>The password is missing from the system keychain: type it again</source>
        <translation>The password is missing from the system keychain: type it again</translation>
    </message>
    <message>
        <source>•••• in the system keychain (type to replace)</source>
        <translation>•••• in the system keychain (type to replace)</translation>
    </message>
    <message>
        <source>%1 (from the environment; type to replace)</source>
        <translation>%1 (from the environment; type to replace)</translation>
    </message>
    <message>
        <source>•••• stored in Switchyard&apos;s database (type to replace)</source>
        <translation>•••• stored in Switchyard&apos;s database (type to replace)</translation>
    </message>
    <message>
        <source>Client keys</source>
        <translation>Client keys</translation>
    </message>
    <message>
        <source>Not changed: on %1 other machines can reach Switchyard, so it needs an enabled client key first: add one in the Client keys tab, or listen on 127.0.0.1.</source>
        <translation>Not changed: on %1 other machines can reach Switchyard, so it needs an enabled client key first: add one in the Client keys tab, or listen on 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Group by:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>In local days. Calls are counted as they are recorded, and stay counted when retention prunes the records or they are cleared.</source>
        <translation>In local days. Calls are counted as they are recorded, and stay counted when retention prunes the records or they are cleared.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file</source>
        <translation>Save this table as a CSV file</translation>
    </message>
    <message>
        <source>No model calls in this period.</source>
        <translation>No model calls in this period.</translation>
    </message>
    <message>
        <source>The statistics cannot be read: %1</source>
        <translation>The statistics cannot be read: %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 failed</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>cost %1</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln row to %1</numerusform>
            <numerusform>Exported %Ln rows to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the usage…</source>
        <translation>Reading the usage…</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Open Switchyard</source>
        <translation>Open Switchyard</translation>
    </message>
    <message>
        <source>Routing mode</source>
        <translation>Routing mode</translation>
    </message>
    <message>
        <source>Claude Code pass-through</source>
        <translation>Claude Code pass-through</translation>
    </message>
    <message>
        <source>Global priority list</source>
        <translation>Global priority list</translation>
    </message>
    <message>
        <source>Smart routing by scene</source>
        <translation>Smart routing by scene</translation>
    </message>
    <message>
        <source>Configure Claude Code…</source>
        <translation>Configure Claude Code…</translation>
    </message>
    <message>
        <source>Copy shell setup</source>
        <translation>Copy shell setup</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Listening on %1</translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation>Failing: %1</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>Paused: not accepting calls</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>Not listening: %1</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Mode: %1</translation>
    </message>
    <message>
        <source>Last route: %1</source>
        <translation>Last route: %1</translation>
    </message>
    <message>
        <source>Not listening (%1)</source>
        <translation>Not listening (%1)</translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <source>Pause proxy</source>
        <translation>Pause proxy</translation>
    </message>
    <message>
        <source>Resume proxy</source>
        <translation>Resume proxy</translation>
    </message>
    <message>
        <source>Routing mode not changed</source>
        <translation>Routing mode not changed</translation>
    </message>
    <message>
        <source>Switchyard cannot listen</source>
        <translation>Switchyard cannot listen</translation>
    </message>
    <message>
        <source>Fallback from %1</source>
        <translation>Fallback from %1</translation>
    </message>
    <message>
        <source>%1 failed (%2); %3 answered instead.</source>
        <translation>%1 failed (%2); %3 answered instead.</translation>
    </message>
    <message>
        <source>%1 is failing</source>
        <translation>%1 is failing</translation>
    </message>
    <message>
        <source>Calls to %1 fail (%2).</source>
        <translation>Calls to %1 fail (%2).</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 is back</translation>
    </message>
    <message>
        <source>%1 answers again.</source>
        <translation>%1 answers again.</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Tokens (millions)</source>
        <translation>Tokens (millions)</translation>
    </message>
    <message>
        <source>Tokens (thousands)</source>
        <translation>Tokens (thousands)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Tokens per day</source>
        <translation>Tokens per day</translation>
    </message>
    <message>
        <source>Tokens per model</source>
        <translation>Tokens per model</translation>
    </message>
    <message>
        <source>Tokens per platform</source>
        <translation>Tokens per platform</translation>
    </message>
    <message>
        <source>Tokens per client key</source>
        <translation>Tokens per client key</translation>
    </message>
    <message>
        <source>%1 (top %2 of %3)</source>
        <translation>%1 (top %2 of %3)</translation>
    </message>
    <message>
        <source>Input + cache</source>
        <translation>Input + cache</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>%1
Input + cache: %2 tokens
Output: %3 tokens</source>
        <translation>%1
Input + cache: %2 tokens
Output: %3 tokens</translation>
    </message>
</context>
<context>
    <name>UsageTableModel</name>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Input tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Output tokens</translation>
    </message>
    <message>
        <source>Cache read</source>
        <translation>Cache read</translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation>Cache write</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Calls whose answer was not a success (2xx), including those the client left</source>
        <translation>Calls whose answer was not a success (2xx), including those the client left</translation>
    </message>
    <message>
        <source>Input tokens not read from or written to the prompt cache</source>
        <translation>Input tokens not read from or written to the prompt cache</translation>
    </message>
    <message>
        <source>Input tokens read from the prompt cache</source>
        <translation>Input tokens read from the prompt cache</translation>
    </message>
    <message>
        <source>Input tokens written to the prompt cache</source>
        <translation>Input tokens written to the prompt cache</translation>
    </message>
    <message>
        <source>At the prices set per model in Platforms, in each platform&apos;s currency; * marks calls without a price</source>
        <translation>At the prices set per model in Platforms, in each platform&apos;s currency; * marks calls without a price</translation>
    </message>
</context>
<context>
    <name>UsageText</name>
    <message numerus="yes">
        <source>%Ln call(s) had no price, so their cost is not included. Prices are set per model in Platforms.</source>
        <translation>
            <numerusform>%Ln call had no price, so its cost is not included. Prices are set per model in Platforms.</numerusform>
            <numerusform>%Ln calls had no price, so their cost is not included. Prices are set per model in Platforms.</numerusform>
        </translation>
    </message>
    <message>
        <source>(no client key)</source>
        <translation>(no client key)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client key</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
</context>
</TS>
