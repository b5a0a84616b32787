<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autostart</name>
    <message>
        <source>Cannot remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ClaudeCodeDialog</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Put back the settings file as it was before Switchyard changed it?</source>
        <translation>将设置文件恢复为 Switchyard 修改之前的样子？</translation>
    </message>
    <message>
        <source>Configure Claude Code</source>
        <translation>配置 Claude Code</translation>
    </message>
    <message>
        <source>Apply changes</source>
        <translation>应用更改</translation>
    </message>
    <message>
        <source>Restore previous settings</source>
        <translation>恢复之前的设置</translation>
    </message>
    <message>
        <source>Claude Code reads &lt;b&gt;%1&lt;/b&gt;. Switchyard sets ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in its &lt;code&gt;env&lt;/code&gt; block and keeps every other setting as it is. A backup is kept next to it.</source>
        <translation>Claude Code 读取 &lt;b&gt;%1&lt;/b&gt;。Switchyard 会在其 &lt;code&gt;env&lt;/code&gt; 中设置 ANTHROPIC_BASE_URL 和 ANTHROPIC_AUTH_TOKEN，其他设置保持原样，并在同一目录保留一份备份。</translation>
    </message>
    <message>
        <source>The file is not valid JSON, so Switchyard leaves it alone. Fix it (or move it away) and open this window again.</source>
        <translation>该文件不是有效的 JSON，Switchyard 不会改动它。请修正（或移走）该文件后再打开此窗口。</translation>
    </message>
    <message>
        <source>Nothing to change: Claude Code already uses %1.</source>
        <translation>无需更改：Claude Code 已在使用 %1。</translation>
    </message>
    <message>
        <source>The file does not exist yet (or is empty); it will be created.</source>
        <translation>该文件尚不存在（或为空），将会新建。</translation>
    </message>
    <message>
        <source>ANTHROPIC_API_KEY is removed from this file&apos;s env block only: with two keys set, Claude Code warns or uses the wrong one. If your shell exports ANTHROPIC_API_KEY, unset it there too.</source>
        <translation>只会从该文件的 env 中移除 ANTHROPIC_API_KEY：同时设置两个密钥时，Claude Code 会发出警告或使用错误的那个。如果你的 shell 也导出了 ANTHROPIC_API_KEY，请在那里一并取消。</translation>
    </message>
    <message>
        <source>No client key is configured, so Switchyard accepts any token; a placeholder is written.</source>
        <translation>尚未配置客户端密钥，Switchyard 接受任意令牌；将写入一个占位值。</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
    <message>
        <source>Done. New Claude Code sessions use Switchyard; restart sessions that are already open.</source>
        <translation>完成。新的 Claude Code 会话将使用 Switchyard；已打开的会话请重新启动。</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>未恢复：%1</translation>
    </message>
    <message>
        <source>The previous settings are back.</source>
        <translation>之前的设置已恢复。</translation>
    </message>
</context>
<context>
    <name>ClientKeysPage</name>
    <message>
        <source>The system keychain did not save the keys: %1. Keys kept there work until Switchyard quits; replace them once the keychain works again.</source>
        <translation>系统钥匙串未能保存密钥：%1。保存在其中的密钥在 Switchyard 退出前仍然有效；钥匙串恢复正常后请替换这些密钥。</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Key kept in</source>
        <translation>密钥保存位置</translation>
    </message>
    <message>
        <source>Clients such as Claude Code present one of these keys (x-api-key or Authorization: Bearer) once any key is enabled. Give each person or machine a key of their own: records and statistics show the key&apos;s id, never the key. Switchyard generates every key and shows it once.</source>
        <translation>只要启用了任意一个密钥，Claude Code 等客户端就必须出示其中一个密钥（x-api-key 或 Authorization: Bearer）。请为每个人或每台机器分配各自的密钥：记录和统计中只显示密钥的 ID，从不显示密钥本身。每个密钥都由 Switchyard 生成，且只显示一次。</translation>
    </message>
    <message>
        <source>Add key…</source>
        <translation>添加密钥…</translation>
    </message>
    <message>
        <source>Generates a new key and shows it once</source>
        <translation>生成一个新密钥并只显示一次</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Edits the name of the selected key (the id stays)</source>
        <translation>编辑所选密钥的名称（ID 保持不变）</translation>
    </message>
    <message>
        <source>Replace key…</source>
        <translation>替换密钥…</translation>
    </message>
    <message>
        <source>Generates a new key for the selected id; the old key stops working at once</source>
        <translation>为所选 ID 生成新密钥；旧密钥立即失效</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Removes the selected key; calls with it are refused from then on</source>
        <translation>移除所选密钥；此后使用它的调用将被拒绝</translation>
    </message>
    <message>
        <source>Double-click to rename</source>
        <translation>双击以重命名</translation>
    </message>
    <message>
        <source>Calls with this key are accepted</source>
        <translation>使用此密钥的调用会被接受</translation>
    </message>
    <message>
        <source>Calls with this key are refused</source>
        <translation>使用此密钥的调用会被拒绝</translation>
    </message>
    <message>
        <source>Switchyard listens on %1, where other machines can reach it: every call must present one of the enabled keys.</source>
        <translation>Switchyard 正在监听 %1，其他机器可以访问：每次调用都必须出示一个已启用的密钥。</translation>
    </message>
    <message>
        <source>Switchyard is set to listen on %1, where other machines can reach it, but no key is enabled: add or enable a key.</source>
        <translation>Switchyard 设置为监听 %1，其他机器可以访问，但没有启用任何密钥：请添加或启用一个密钥。</translation>
    </message>
    <message>
        <source>Every call must present one of the enabled keys. Switchyard listens on this computer only; to let other machines in, choose 0.0.0.0 or a LAN address in the General tab.</source>
        <translation>每次调用都必须出示一个已启用的密钥。Switchyard 只在本机监听；若要允许其他机器访问，请在“常规”选项卡中选择 0.0.0.0 或局域网地址。</translation>
    </message>
    <message>
        <source>No key is enabled: Switchyard accepts every call without a key. That is safe only while it listens on this computer only, as now; add a key before listening on 0.0.0.0 or a LAN address.</source>
        <translation>没有启用任何密钥：Switchyard 接受所有不带密钥的调用。只有像现在这样仅在本机监听时才是安全的；在监听 0.0.0.0 或局域网地址之前，请先添加密钥。</translation>
    </message>
    <message>
        <source>New keys are kept in %1, not in Switchyard&apos;s database.</source>
        <translation>新密钥保存在%1中，而不是 Switchyard 的数据库中。</translation>
    </message>
    <message>
        <source>No system keychain was found: new keys are stored in Switchyard&apos;s database in the data folder, as plain text. A key written in the configuration as an environment reference ($VARIABLE) stays out of the database.</source>
        <translation>未找到系统钥匙串：新密钥将以明文保存在数据文件夹中 Switchyard 的数据库里。在配置中写成环境变量引用（$VARIABLE）的密钥不会进入数据库。</translation>
    </message>
    <message>
        <source>System keychain (missing: replace the key)</source>
        <translation>系统钥匙串（缺失：请替换密钥）</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>Environment variable %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <source>Environment variables %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <source>Switchyard&apos;s database (plain text)</source>
        <translation>Switchyard 的数据库（明文）</translation>
    </message>
    <message>
        <source>the listen address %1 lets other machines reach Switchyard, and without an enabled client key anyone there could use your platforms. Add or enable another key first, or listen on 127.0.0.1 in the General tab.</source>
        <translation>监听地址 %1 允许其他机器访问 Switchyard，没有已启用的客户端密钥时，那里的任何人都能使用你的平台。请先添加或启用另一个密钥，或在“常规”选项卡中改为监听 127.0.0.1。</translation>
    </message>
    <message>
        <source>Give the key an id: it names the key in the records and statistics.</source>
        <translation>请为密钥指定 ID：记录和统计中用它来标识密钥。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; may contain only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</source>
        <translation>“%1”只能包含字母、数字、“_”、“.”和“-”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already used by another key.</source>
        <translation>“%1”已被另一个密钥使用。</translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; cannot name a keychain entry (only letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;): remove this key and add one with another id</source>
        <translation>ID“%1”不能用作钥匙串条目的名称（只能包含字母、数字、“_”、“.”和“-”）：请移除此密钥，再用另一个 ID 添加</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>未添加：%1</translation>
    </message>
    <message>
        <source>Added the key &quot;%1&quot;.</source>
        <translation>已添加密钥“%1”。</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is enabled: calls with its key are accepted.</source>
        <translation>“%1”已启用：使用其密钥的调用会被接受。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is disabled: calls with its key are refused.</source>
        <translation>“%1”已停用：使用其密钥的调用会被拒绝。</translation>
    </message>
    <message>
        <source>No key is enabled now: Switchyard accepts calls without a key.</source>
        <translation>现在没有启用任何密钥：Switchyard 接受不带密钥的调用。</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot;.</source>
        <translation>已重命名“%1”。</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>未移除：%1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;: calls with its key are refused.</source>
        <translation>已移除“%1”：使用其密钥的调用会被拒绝。</translation>
    </message>
    <message>
        <source>Not replaced: %1</source>
        <translation>未替换：%1</translation>
    </message>
    <message>
        <source>Replaced the key of &quot;%1&quot;: the old key is refused from now on.</source>
        <translation>已替换“%1”的密钥：从现在起旧密钥会被拒绝。</translation>
    </message>
    <message>
        <source>Add client key</source>
        <translation>添加客户端密钥</translation>
    </message>
    <message>
        <source>Switchyard generates the key and shows it once. The id names the key in the records and statistics; the name says who or what uses it.</source>
        <translation>密钥由 Switchyard 生成，且只显示一次。ID 在记录和统计中标识该密钥；名称说明由谁或什么在使用它。</translation>
    </message>
    <message>
        <source>e.g. alice (letters, digits, _ . -)</source>
        <translation>例如 alice（字母、数字、_ . -）</translation>
    </message>
    <message>
        <source>Optional, e.g. Alice&apos;s laptop</source>
        <translation>可选，例如 Alice 的笔记本电脑</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>添加密钥</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Replace client key</source>
        <translation>替换客户端密钥</translation>
    </message>
    <message>
        <source>Make a new key for &quot;%1&quot;? The current key stops working at once: every client that uses it must be given the new one.</source>
        <translation>为“%1”生成新密钥？当前密钥将立即失效：所有使用它的客户端都必须换用新密钥。</translation>
    </message>
    <message>
        <source>Remove client key</source>
        <translation>移除客户端密钥</translation>
    </message>
    <message>
        <source>Remove the key &quot;%1&quot;? Clients that use it are refused from now on; its records stay.</source>
        <translation>移除密钥“%1”？从现在起使用它的客户端将被拒绝；其调用记录会保留。</translation>
    </message>
    <message>
        <source>New key for %1</source>
        <translation>%1 的新密钥</translation>
    </message>
    <message>
        <source>Client key %1</source>
        <translation>客户端密钥 %1</translation>
    </message>
    <message>
        <source>Copy the key of &quot;%1&quot; now: it is shown only this once.</source>
        <translation>请立即复制“%1”的密钥：它只显示这一次。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Switchyard keeps it in %1 and will not show it again. If it is lost, Replace key… makes a new one.</source>
        <translation>Switchyard 将它保存在%1中，不会再次显示。如果丢失，可用“替换密钥…”生成一个新的。</translation>
    </message>
    <message>
        <source>Switchyard keeps it in its database in the data folder, as plain text (no system keychain was found), and will not show it again. If it is lost, Replace key… makes a new one.</source>
        <translation>Switchyard 将它以明文保存在数据文件夹中的数据库里（未找到系统钥匙串），不会再次显示。如果丢失，可用“替换密钥…”生成一个新的。</translation>
    </message>
    <message>
        <source>The previous key of &quot;%1&quot; no longer works: every client that used it needs this one.</source>
        <translation>“%1”之前的密钥已失效：所有使用它的客户端都需要换用这个密钥。</translation>
    </message>
    <message>
        <source>The key is disabled: enable it in the list before a client uses it.</source>
        <translation>该密钥已停用：客户端使用前，请先在列表中启用它。</translation>
    </message>
    <message>
        <source>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). On this computer, Configure Claude Code… in the tray menu (or the Tools menu) does it: it writes the first enabled key, which is this one.</source>
        <translation>必须用这个密钥配置 Claude Code（ANTHROPIC_AUTH_TOKEN）。在本机上，托盘菜单（或“工具”菜单）中的“配置 Claude Code…”会完成这一步：它写入第一个已启用的密钥，也就是这个。</translation>
    </message>
    <message>
        <source>Claude Code must be configured with this key (ANTHROPIC_AUTH_TOKEN). Configure Claude Code… in the tray menu writes the first enabled key (&quot;%1&quot;), not this one: where this key is used, set ANTHROPIC_AUTH_TOKEN to it and ANTHROPIC_BASE_URL to Switchyard&apos;s address.</source>
        <translation>必须用这个密钥配置 Claude Code（ANTHROPIC_AUTH_TOKEN）。托盘菜单中的“配置 Claude Code…”写入的是第一个已启用的密钥（“%1”），而不是这个：在使用这个密钥的地方，请将 ANTHROPIC_AUTH_TOKEN 设为它，并将 ANTHROPIC_BASE_URL 设为 Switchyard 的地址。</translation>
    </message>
    <message>
        <source>Until now Switchyard accepted calls without a key. From now on every call must present an enabled key: a Claude Code set up before with a placeholder token is refused until it is configured again.</source>
        <translation>此前 Switchyard 接受不带密钥的调用。从现在起每次调用都必须出示一个已启用的密钥：之前用占位令牌配置的 Claude Code 会被拒绝，直到重新配置。</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Switchyard is not listening</source>
        <translation>Switchyard 未在监听</translation>
    </message>
    <message>
        <source>Shell setup copied</source>
        <translation>已复制 Shell 设置</translation>
    </message>
    <message>
        <source>Paste it into a terminal, then start claude. It contains the client key &quot;%1&quot;.</source>
        <translation>粘贴到终端后启动 claude。其中包含客户端密钥“%1”。</translation>
    </message>
    <message>
        <source>Paste it into a terminal, then start claude. No client key is configured, so the token is a placeholder.</source>
        <translation>粘贴到终端后启动 claude。尚未配置客户端密钥，因此令牌是占位值。</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Switchyard cannot start:

%1</source>
        <translation>Switchyard 无法启动：

%1</translation>
    </message>
</context>
<context>
    <name>InMemorySecretStore</name>
    <message>
        <source>memory (test keychain)</source>
        <translation>内存（测试用钥匙串）</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>the system keychain</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>无钥匙串</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>钥匙串在 %1 秒内没有响应</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About Switchyard</source>
        <translation>关于 Switchyard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchyard %1&lt;/h3&gt;&lt;p&gt;Run Claude Code on any model: a local proxy with routing, fallback and records.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Switchyard %1&lt;/h3&gt;&lt;p&gt;让 Claude Code 使用任意模型：带路由、故障转移和调用记录的本地代理。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1（Ctrl+%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import configuration…</source>
        <translation>导入配置(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export configuration…</source>
        <translation>导出配置(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Configure &amp;Claude Code…</source>
        <translation>配置 &amp;Claude Code…</translation>
    </message>
    <message>
        <source>Copy &amp;shell setup</source>
        <translation>复制 &amp;Shell 设置</translation>
    </message>
    <message>
        <source>&amp;Find calls…</source>
        <translation>查找调用(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Switchyard</source>
        <translation>关于 Switchyard(&amp;A)</translation>
    </message>
    <message>
        <source>Listening on %1 · mode %2</source>
        <translation>正在监听 %1 · 模式 %2</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>已暂停：不接受调用</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>未在监听：%1</translation>
    </message>
    <message>
        <source>Last route: %1</source>
        <translation>最近路由：%1</translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation>出错：%1</translation>
    </message>
    <message>
        <source>Quit Switchyard</source>
        <translation>退出 Switchyard</translation>
    </message>
    <message>
        <source>Quit Switchyard? The proxy stops and Claude Code cannot reach it until you start Switchyard again.</source>
        <translation>退出 Switchyard？代理将停止，在你再次启动 Switchyard 之前 Claude Code 无法连接它。</translation>
    </message>
    <message>
        <source>Import configuration</source>
        <translation>导入配置</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing was changed.

%1</source>
        <translation>未做任何更改。

%1</translation>
    </message>
    <message>
        <source>Export configuration</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>ModelListEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add the entry typed or chosen on the left</source>
        <translation>添加左侧输入或选择的条目</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected entry (Delete)</source>
        <translation>移除选中的条目（Delete）</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+上）</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+下）</translation>
    </message>
    <message>
        <source>Drag to reorder; untick to switch an entry off without removing it</source>
        <translation>拖动可调整顺序；取消勾选可停用条目而不移除</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
    <message>
        <source>Switched off: kept in the list, not used</source>
        <translation>已停用：保留在列表中，但不使用</translation>
    </message>
</context>
<context>
    <name>ModelPriceEditor</name>
    <message>
        <source>Price of %1, per million tokens</source>
        <translation>%1 的价格（每百万 token）</translation>
    </message>
    <message>
        <source>Price per million tokens: select a model in the table</source>
        <translation>每百万 token 的价格：请在表格中选择一个模型</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>same as input</source>
        <translation>与输入相同</translation>
    </message>
    <message>
        <source>Used for the cost column of the statistics. Without a price, the cost of this model&apos;s calls is unknown.</source>
        <translation>用于统计中的费用列。没有价格时，该模型调用的费用未知。</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Cache read:</source>
        <translation>缓存读取：</translation>
    </message>
    <message>
        <source>Cache write:</source>
        <translation>缓存写入：</translation>
    </message>
    <message>
        <source>A price needs both the input and the output price: type 0 for free. Leave all four fields empty when the cost is unknown.</source>
        <translation>价格需要同时填写输入和输出价格：免费请填 0。费用未知时，四项都留空。</translation>
    </message>
    <message>
        <source>What a million input tokens cost (those not read from or written to the prompt cache).</source>
        <translation>每百万输入 token 的价格（不含从提示缓存读取或写入缓存的 token）。</translation>
    </message>
    <message>
        <source>What a million output tokens cost.</source>
        <translation>每百万输出 token 的价格。</translation>
    </message>
    <message>
        <source>What a million input tokens read from the prompt cache cost. Empty: the input price.</source>
        <translation>从提示缓存读取的每百万输入 token 的价格。留空：与输入价格相同。</translation>
    </message>
    <message>
        <source>What a million input tokens written to the prompt cache cost. Empty: the input price.</source>
        <translation>写入提示缓存的每百万输入 token 的价格。留空：与输入价格相同。</translation>
    </message>
    <message>
        <source>Use list price</source>
        <translation>使用标价</translation>
    </message>
    <message>
        <source>Fills the four fields with the list price; Save applies it like any other edit</source>
        <translation>用标价填写这四个字段；与其他修改一样，保存后生效</translation>
    </message>
</context>
<context>
    <name>ModelPriceText</name>
    <message>
        <source>The input price</source>
        <translation>输入价格</translation>
    </message>
    <message>
        <source>The output price</source>
        <translation>输出价格</translation>
    </message>
    <message>
        <source>The cache read price</source>
        <translation>缓存读取价格</translation>
    </message>
    <message>
        <source>The cache write price</source>
        <translation>缓存写入价格</translation>
    </message>
    <message>
        <source>%1 must be a number from 0 to %2, per million tokens.</source>
        <translation>%1必须是 0 到 %2 之间的数字（每百万 token）。</translation>
    </message>
    <message>
        <source>Enter both the input and the output price (0 when free), or leave all four fields empty.</source>
        <translation>请同时填写输入和输出价格（免费填 0），或将四项都留空。</translation>
    </message>
    <message>
        <source>Per million tokens, in %1: input %2, output %3, cache read %4, cache write %5</source>
        <translation>每百万 token，单位 %1：输入 %2，输出 %3，缓存读取 %4，缓存写入 %5</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Models on this computer count as free unless you set a price.</source>
        <translation>在本机运行的模型按免费计算，除非你为其设置了价格。</translation>
    </message>
    <message>
        <source> (cache read %1, cache write %2)</source>
        <translation>（缓存读取 %1，缓存写入 %2）</translation>
    </message>
    <message>
        <source> (cache read %1)</source>
        <translation>（缓存读取 %1）</translation>
    </message>
    <message>
        <source> (cache write %1)</source>
        <translation>（缓存写入 %1）</translation>
    </message>
    <message>
        <source>%1&apos;s list price: %2 / %3 %4 per million tokens%5</source>
        <translation>%1 的标价：每百万 token %2 / %3 %4%5</translation>
    </message>
    <message>
        <source>The list is in US dollars and this platform&apos;s currency is %1.</source>
        <translation>模型列表的价格以美元计，而此平台的货币是 %1。</translation>
    </message>
</context>
<context>
    <name>PlatformsPage</name>
    <message>
        <source>Add platform</source>
        <translation>添加平台</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <source>Used in routing lists as &quot;id:model&quot;, in records and statistics. Letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;.</source>
        <translation>在路由列表中写作“id:模型”，也用于记录和统计。可用字母、数字、“_”、“.”和“-”。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Show the key while you type it</source>
        <translation>输入时显示密钥</translation>
    </message>
    <message>
        <source>Enabled (a disabled platform is never used and its key is not looked up)</source>
        <translation>启用（停用的平台不会被使用，也不会读取其密钥）</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Checks the address, the key and the model list with the settings above (unsaved changes included)</source>
        <translation>用上面的设置（包括未保存的更改）检查地址、密钥和模型列表</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>刷新模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>上下文窗口</translation>
    </message>
    <message>
        <source>Max output</source>
        <translation>最大输出</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Use defaults for the selected model</source>
        <translation>选中模型恢复默认值</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and use at once (Ctrl+S)</source>
        <translation>保存并立即生效（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No platforms yet&lt;/h3&gt;&lt;p&gt;Add the services Switchyard may send requests to: Anthropic-compatible ones for pass-through, or DashScope, OpenRouter, SiliconFlow, Ollama, LM Studio and any OpenAI-compatible service.&lt;/p&gt;&lt;p&gt;Use &lt;b&gt;Add platform&lt;/b&gt; below the list.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;还没有平台&lt;/h3&gt;&lt;p&gt;添加 Switchyard 可以转发请求的服务：用于直通的 Anthropic 兼容服务，或 DashScope、OpenRouter、SiliconFlow、Ollama、LM Studio 以及任何 OpenAI 兼容服务。&lt;/p&gt;&lt;p&gt;使用列表下方的&lt;b&gt;添加平台&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No key yet: type it here</source>
        <translation>尚无密钥：请在此输入</translation>
    </message>
    <message>
        <source>No key needed (optional)</source>
        <translation>无需密钥（可选）</translation>
    </message>
    <message>
        <source>The key is missing from the system keychain: type it again</source>
        <translation>系统钥匙串中缺少该密钥：请重新输入</translation>
    </message>
    <message>
        <source>••••%1 in the system keychain (type to replace)</source>
        <translation>••••%1 保存在系统钥匙串中（输入以替换）</translation>
    </message>
    <message>
        <source>%1 (from the environment; type to replace)</source>
        <translation>%1（来自环境变量；输入以替换）</translation>
    </message>
    <message>
        <source>••••%1 stored in Switchyard&apos;s database (type to replace)</source>
        <translation>••••%1 保存在 Switchyard 的数据库中（输入以替换）</translation>
    </message>
    <message>
        <source>New keys are kept in %1, not in Switchyard&apos;s database.</source>
        <translation>新密钥保存在%1中，而不是 Switchyard 的数据库中。</translation>
    </message>
    <message>
        <source>No system keychain was found: a key typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $%1 keeps it out of the database.</source>
        <translation>未找到系统钥匙串：在此输入的密钥将以明文保存在数据文件夹中 Switchyard 的数据库里。使用 $%1 这样的环境变量引用可以避免密钥进入数据库。</translation>
    </message>
    <message>
        <source> (runs on this computer)</source>
        <translation>（在本机运行）</translation>
    </message>
    <message>
        <source>Required, e.g. https://host/v1</source>
        <translation>必填，例如 https://host/v1</translation>
    </message>
    <message>
        <source>The API root without a version; Switchyard appends /v1/messages</source>
        <translation>API 根地址，不含版本；Switchyard 会追加 /v1/messages</translation>
    </message>
    <message>
        <source>Including the API version (…/v1); Switchyard appends /chat/completions</source>
        <translation>包含 API 版本（…/v1）；Switchyard 会追加 /chat/completions</translation>
    </message>
    <message>
        <source>Listed in the configuration</source>
        <translation>已列在配置中</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设</translation>
    </message>
    <message>
        <source>Remove platform</source>
        <translation>移除平台</translation>
    </message>
    <message>
        <source>Remove %1? Routing lists that use it must be changed before saving.</source>
        <translation>移除 %1？保存前需要修改使用它的路由列表。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>Reading the model list of %1…</source>
        <translation>正在读取 %1 的模型列表…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>有 %n 个模型可用。</numerusform>
        </translation>
    </message>
    <message>
        <source>Use a three-letter currency code, such as USD or CNY.</source>
        <translation>请使用三个字母的货币代码，例如 USD 或 CNY。</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>货币：</translation>
    </message>
    <message>
        <source>The currency of this platform&apos;s prices: a three-letter code such as USD or CNY. The statistics add up costs per currency.</source>
        <translation>该平台价格所用的货币：三个字母的代码，例如 USD 或 CNY。统计会按货币分别汇总费用。</translation>
    </message>
    <message>
        <source>Price in / out</source>
        <translation>输入 / 输出价格</translation>
    </message>
    <message>
        <source>Values in bold are your own settings; the others come from the platform&apos;s list, the model&apos;s family or the type&apos;s defaults. Edit a cell to set it; set a price below the table.</source>
        <translation>粗体值是你自己的设置；其他值来自平台的模型列表、模型系列或类型默认值。编辑单元格即可设置；价格在表格下方设置。</translation>
    </message>
    <message>
        <source>Clears the capabilities set for the selected model; its price stays</source>
        <translation>清除为选中模型设置的能力；其价格保留</translation>
    </message>
    <message>
        <source>The price being typed is not complete yet; see below the table</source>
        <translation>正在输入的价格还不完整；请查看表格下方</translation>
    </message>
    <message>
        <source>Use list prices for models without a price</source>
        <translation>为未定价的模型使用标价</translation>
    </message>
    <message>
        <source>List price, not used until you apply it</source>
        <translation>标价：应用之前不会使用</translation>
    </message>
    <message>
        <source>Sets the list price as the price of every model in the table that has none; models with a price keep theirs. Save applies them.</source>
        <translation>为表格中每个尚无价格的模型设置其标价；已有价格的模型保持不变。保存后生效。</translation>
    </message>
    <message>
        <source>Every model in the table with a list price has a price already</source>
        <translation>表格中有标价的模型都已设置了价格</translation>
    </message>
</context>
<context>
    <name>RecordDetailDialog</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source> (streamed)</source>
        <translation>（流式）</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Route decision</source>
        <translation>路由决策</translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation>请求的模型</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>应答方</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (platform: %1)</source>
        <translation>（平台：%1）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Tokens in → out</source>
        <translation>令牌 输入 → 输出</translation>
    </message>
    <message>
        <source>Cache read / written</source>
        <translation>缓存 读取 / 写入</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>首字节</translation>
    </message>
    <message>
        <source>Platform time</source>
        <translation>平台耗时</translation>
    </message>
    <message>
        <source>Added by Switchyard</source>
        <translation>Switchyard 额外耗时</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Body sizes</source>
        <translation>正文大小</translation>
    </message>
    <message>
        <source>request %1, response %2</source>
        <translation>请求 %1，响应 %2</translation>
    </message>
    <message>
        <source> (bodies not stored)</source>
        <translation>（未保存正文）</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>调用 %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message numerus="yes">
        <source>Response (%n event(s))</source>
        <translation>
            <numerusform>响应（%n 个事件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Platform and model</source>
        <translation>平台和模型</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Mode %1, endpoint %2</source>
        <translation>模式 %1，端点 %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tokens in → out</source>
        <translation>令牌 输入 → 输出</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>首字节</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Model (exact)</source>
        <translation>模型（精确）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Succeeded (2xx)</source>
        <translation>成功（2xx）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Client errors (4xx)</source>
        <translation>客户端错误（4xx）</translation>
    </message>
    <message>
        <source>Server errors (5xx)</source>
        <translation>服务端错误（5xx）</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Request, response and route of the selected call (Enter)</source>
        <translation>所选调用的请求、响应和路由（Enter）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Clear records…</source>
        <translation>清除记录…</translation>
    </message>
    <message>
        <source>Export selected calls as JSON Lines…</source>
        <translation>将所选调用导出为 JSON Lines…</translation>
    </message>
    <message>
        <source>Export all matching calls as JSON Lines…</source>
        <translation>将所有匹配的调用导出为 JSON Lines…</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>任意平台</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n 次调用</numerusform>
        </translation>
    </message>
    <message>
        <source>The records cannot be read: %1</source>
        <translation>无法读取记录：%1</translation>
    </message>
    <message>
        <source>No call matches these filters.</source>
        <translation>没有符合这些筛选条件的调用。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No calls yet&lt;/h3&gt;&lt;p&gt;Point Claude Code at Switchyard and every call appears here as it happens:&lt;/p&gt;&lt;p&gt;&lt;code&gt;export ANTHROPIC_BASE_URL=%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;or use &lt;b&gt;Configure Claude Code…&lt;/b&gt; in the tray menu.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;还没有调用&lt;/h3&gt;&lt;p&gt;让 Claude Code 指向 Switchyard，每次调用都会实时显示在这里：&lt;/p&gt;&lt;p&gt;&lt;code&gt;export ANTHROPIC_BASE_URL=%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;或使用托盘菜单中的&lt;b&gt;配置 Claude Code…&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Call details</source>
        <translation>调用详情</translation>
    </message>
    <message>
        <source>This call cannot be shown: %1</source>
        <translation>无法显示此调用：%1</translation>
    </message>
    <message>
        <source>Select the calls to export first.</source>
        <translation>请先选择要导出的调用。</translation>
    </message>
    <message>
        <source>Export calls</source>
        <translation>导出调用</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1</source>
        <translation>
            <numerusform>已将 %n 次调用导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear records</source>
        <translation>清除记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete every recorded call (%n call(s)), with their requests and responses? This cannot be undone. The usage statistics are kept.</source>
        <translation>
            <numerusform>删除所有已记录的调用（%n 次）及其请求和响应？此操作无法撤销。用量统计会保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>The records could not be deleted: %1</source>
        <translation>无法删除记录：%1</translation>
    </message>
    <message>
        <source>Search id, model, platform, session, error (Ctrl+F)</source>
        <translation>搜索 ID、模型、平台、会话、错误（Ctrl+F）</translation>
    </message>
    <message>
        <source>Counting calls…</source>
        <translation>正在统计调用…</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <source>Routing mode:</source>
        <translation>路由模式：</translation>
    </message>
    <message>
        <source>Claude Code pass-through</source>
        <translation>Claude Code 直通</translation>
    </message>
    <message>
        <source>Global priority list</source>
        <translation>全局优先级列表</translation>
    </message>
    <message>
        <source>Smart routing by scene</source>
        <translation>按场景智能路由</translation>
    </message>
    <message>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <source>Priority list</source>
        <translation>优先级列表</translation>
    </message>
    <message>
        <source>Smart routing</source>
        <translation>智能路由</translation>
    </message>
    <message>
        <source>Anthropic-compatible platforms, tried in this order (empty: every enabled one)</source>
        <translation>Anthropic 兼容平台，按此顺序尝试（为空：所有已启用的平台）</translation>
    </message>
    <message>
        <source>Platform id</source>
        <translation>平台 ID</translation>
    </message>
    <message>
        <source>Models tried in this order; the first that answers wins</source>
        <translation>按此顺序尝试的模型；第一个应答的模型胜出</translation>
    </message>
    <message>
        <source>platform:model</source>
        <translation>平台:模型</translation>
    </message>
    <message>
        <source>Routing models: small, fast models that choose the scene, tried in order</source>
        <translation>路由模型：用于选择场景的小型快速模型，按顺序尝试</translation>
    </message>
    <message>
        <source>Models answering this scene, in order</source>
        <translation>应答此场景的模型，按顺序</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Add scene</source>
        <translation>添加场景</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>e.g. coding</source>
        <translation>例如 coding</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <source>What requests belong here, in words the routing model reads</source>
        <translation>哪些请求属于这里，用路由模型能读懂的话描述</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and use for new requests at once (Ctrl+S)</source>
        <translation>保存并立即用于新请求（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Requests go unchanged to Anthropic-compatible platforms, with the model Claude Code asked for; the next platform answers when one fails.</source>
        <translation>请求原样转发到 Anthropic 兼容平台，使用 Claude Code 请求的模型；一个平台失败时由下一个平台应答。</translation>
    </message>
    <message>
        <source>Every request goes to the first model of the priority list that answers; OpenAI-format platforms are converted to and from Anthropic&apos;s format.</source>
        <translation>每个请求都发送到优先级列表中第一个应答的模型；OpenAI 格式的平台会与 Anthropic 格式相互转换。</translation>
    </message>
    <message>
        <source>A routing model reads each request and picks a scene by its name and description; that scene&apos;s models answer, in order.</source>
        <translation>路由模型阅读每个请求，并根据场景的名称和描述选择场景；由该场景的模型按顺序应答。</translation>
    </message>
    <message>
        <source>write it as platform:model</source>
        <translation>请写成 平台:模型</translation>
    </message>
    <message>
        <source>there is no platform &quot;%1&quot;</source>
        <translation>没有名为“%1”的平台</translation>
    </message>
    <message>
        <source>platform &quot;%1&quot; is disabled</source>
        <translation>平台“%1”已停用</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not Anthropic-compatible</source>
        <translation>“%1”不是 Anthropic 兼容平台</translation>
    </message>
    <message>
        <source>A scene needs at least one model.</source>
        <translation>每个场景至少需要一个模型。</translation>
    </message>
    <message>
        <source>scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>The priority list is empty: requests would have nowhere to go.</source>
        <translation>优先级列表为空：请求将无处可去。</translation>
    </message>
    <message>
        <source>Smart routing needs at least one routing model.</source>
        <translation>智能路由至少需要一个路由模型。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Tier and scenario rules</source>
        <translation>层级与场景规则</translation>
    </message>
</context>
<context>
    <name>RoutingRulesEditor</name>
    <message>
        <source>Claude asks for haiku</source>
        <translation>Claude 请求 haiku</translation>
    </message>
    <message>
        <source>Claude asks for sonnet</source>
        <translation>Claude 请求 sonnet</translation>
    </message>
    <message>
        <source>Claude asks for opus</source>
        <translation>Claude 请求 opus</translation>
    </message>
    <message>
        <source>Background requests</source>
        <translation>后台请求</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Long context</source>
        <translation>长上下文</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;haiku&quot; (Claude Code&apos;s small, fast model and its Explore sub-agents) go to these models first.</source>
        <translation>请求的模型名包含“haiku”时（Claude Code 的小型快速模型及其 Explore 子代理），先发送到这些模型。</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;sonnet&quot; go to these models first.</source>
        <translation>请求的模型名包含“sonnet”时，先发送到这些模型。</translation>
    </message>
    <message>
        <source>Requests for a model whose name contains &quot;opus&quot; go to these models first.</source>
        <translation>请求的模型名包含“opus”时，先发送到这些模型。</translation>
    </message>
    <message>
        <source>Claude Code&apos;s own small requests — session titles, topic checks, warm-ups — go to these models first: a small, cheap, fast model.</source>
        <translation>Claude Code 自己的小请求（会话标题、话题检查、预热）先发送到这些模型：选一个小巧、便宜、快速的模型。</translation>
    </message>
    <message>
        <source>Requests with thinking switched on go to these models first: a strong reasoning model. Claude Code 2.1 asks for thinking in every main request.</source>
        <translation>开启了思考的请求先发送到这些模型：选一个推理能力强的模型。Claude Code 2.1 的每个主请求都会开启思考。</translation>
    </message>
    <message>
        <source>Requests whose estimated input is above the threshold go to these models first: models with a large context window.</source>
        <translation>估算输入超过阈值的请求先发送到这些模型：选上下文窗口大的模型。</translation>
    </message>
    <message>
        <source>Requests with an image anywhere in the conversation go to these models first: models that can see images.</source>
        <translation>对话中任何位置带有图片的请求先发送到这些模型：选能识别图片的模型。</translation>
    </message>
    <message>
        <source>Rules apply in every mode, before any model is called, in this order. Each rule that matches a request puts its models first; the mode&apos;s own models follow as fallbacks. A rule without models is off.</source>
        <translation>规则在所有模式下生效，在调用任何模型之前按此顺序检查。请求匹配的每条规则都会把它的模型排在前面，模式自己的模型随后作为后备。没有模型的规则不生效。</translation>
    </message>
    <message>
        <source>Threshold (estimated input tokens):</source>
        <translation>阈值（估算输入 token 数）：</translation>
    </message>
    <message>
        <source>Models for this rule, tried in order</source>
        <translation>此规则的模型，按顺序尝试</translation>
    </message>
    <message>
        <source>platform:model</source>
        <translation>平台:模型</translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation>%1（关闭）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n model(s))</source>
        <translation>
            <numerusform>%1（%n 个模型）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Switchyard starts when you log in.</source>
        <translation>Switchyard 将在你登录时启动。</translation>
    </message>
    <message>
        <source>Switchyard no longer starts at login.</source>
        <translation>Switchyard 不再在登录时启动。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. 0.0.0.0 or a LAN address: other machines too (needs a client key).</source>
        <translation>127.0.0.1：仅本机。0.0.0.0 或局域网地址：其他机器也可访问（需要客户端密钥）。</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Moves the proxy to this address now; calls already running finish</source>
        <translation>立即将代理移到此地址；正在进行的调用会继续完成</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record every call (time, route, status, tokens, timings)</source>
        <translation>记录每次调用（时间、路由、状态、令牌、耗时）</translation>
    </message>
    <message>
        <source>Keep requests and responses too (compressed)</source>
        <translation>同时保存请求和响应（压缩）</translation>
    </message>
    <message>
        <source>Keep for:</source>
        <translation>保留时间：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <source> MB of bodies</source>
        <translation> MB 正文</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Start Switchyard when I log in</source>
        <translation>登录时启动 Switchyard</translation>
    </message>
    <message>
        <source>Debug logging (more detail in the log)</source>
        <translation>调试日志（日志中包含更多细节）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Clear view</source>
        <translation>清空视图</translation>
    </message>
    <message>
        <source>The database with the configuration and the records. A new folder is used from the next start.</source>
        <translation>存放配置和记录的数据库。新文件夹将在下次启动时使用。</translation>
    </message>
    <message>
        <source>From the next start: %1</source>
        <translation>下次启动起：%1</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>未在监听：%1</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>已暂停：不接受调用</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Switchyard uses %1 from the next start.</source>
        <translation>Switchyard 将从下次启动起使用 %1。</translation>
    </message>
    <message>
        <source>Connection to platforms</source>
        <translation>与平台的连接</translation>
    </message>
    <message>
        <source>Proxy server:</source>
        <translation>代理服务器：</translation>
    </message>
    <message>
        <source>Use the system environment (HTTPS_PROXY, NO_PROXY)</source>
        <translation>使用系统环境变量（HTTPS_PROXY、NO_PROXY）</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Manual proxy</source>
        <translation>手动设置代理</translation>
    </message>
    <message>
        <source>How Switchyard reaches the platforms: through the proxy that HTTPS_PROXY, HTTP_PROXY and ALL_PROXY name (except the hosts in NO_PROXY), always directly, or through the proxy written below</source>
        <translation>Switchyard 如何连接平台：通过 HTTPS_PROXY、HTTP_PROXY 和 ALL_PROXY 指定的代理（NO_PROXY 中的主机除外）、始终直接连接，或通过下面填写的代理</translation>
    </message>
    <message>
        <source>Proxy URL:</source>
        <translation>代理 URL：</translation>
    </message>
    <message>
        <source>http://host:port or socks5://host:port; a user name may come before the host (http://user@host:port). $VARIABLE references are expanded.</source>
        <translation>http://主机:端口 或 socks5://主机:端口；主机前可以加用户名（http://user@host:port）。$VARIABLE 形式的引用会被展开。</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Remove password</source>
        <translation>删除密码</translation>
    </message>
    <message>
        <source>The proxy is used without a password once you save</source>
        <translation>保存后将不使用密码连接代理</translation>
    </message>
    <message>
        <source>No proxy for:</source>
        <translation>不使用代理的地址：</translation>
    </message>
    <message>
        <source>Comma-separated: host names (a name covers its subdomains too), .domains (only the subdomains), IP addresses, CIDR ranges such as 10.0.0.0/8, or * for every host</source>
        <translation>以逗号分隔：主机名（同时包括其子域名）、.域名（仅子域名）、IP 地址、CIDR 网段（如 10.0.0.0/8），或用 * 表示所有主机</translation>
    </message>
    <message>
        <source>Local model servers (localhost, 127.0.0.1) are always reached directly, never through the proxy. Through an HTTP proxy, HTTPS platforms stay encrypted end to end: the proxy only relays the connection (CONNECT).</source>
        <translation>本地模型服务器（localhost、127.0.0.1）始终直接连接，从不经过代理。通过 HTTP 代理时，HTTPS 平台仍保持端到端加密：代理只转发连接（CONNECT）。</translation>
    </message>
    <message>
        <source>No password (removed when you save)</source>
        <translation>无密码（保存时删除）</translation>
    </message>
    <message>
        <source>A new password is kept in %1, not in Switchyard&apos;s database.</source>
        <translation>新密码保存在%1中，而不是 Switchyard 的数据库中。</translation>
    </message>
    <message>
        <source>No system keychain was found: a password typed here is stored in Switchyard&apos;s database in the data folder, as plain text. An environment reference such as $PROXY_PASSWORD keeps it out of the database.</source>
        <translation>未找到系统钥匙串：在此输入的密码将以明文保存在数据文件夹中 Switchyard 的数据库里。使用 $PROXY_PASSWORD 这样的环境变量引用可以避免密码进入数据库。</translation>
    </message>
    <message>
        <source>No password (optional)</source>
        <translation>无密码（可选）</translation>
    </message>
    <message>
        <source>The password is missing from the system keychain: type it again</source>
        <translation>系统钥匙串中缺少该密码：请重新输入</translation>
    </message>
    <message>
        <source>•••• in the system keychain (type to replace)</source>
        <translation>•••• 保存在系统钥匙串中（输入以替换）</translation>
    </message>
    <message>
        <source>%1 (from the environment; type to replace)</source>
        <translation>%1（来自环境变量；输入以替换）</translation>
    </message>
    <message>
        <source>•••• stored in Switchyard&apos;s database (type to replace)</source>
        <translation>•••• 保存在 Switchyard 的数据库中（输入以替换）</translation>
    </message>
    <message>
        <source>Client keys</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Not changed: on %1 other machines can reach Switchyard, so it needs an enabled client key first: add one in the Client keys tab, or listen on 127.0.0.1.</source>
        <translation>未更改：在 %1 上其他机器可以访问 Switchyard，因此需要先有一个已启用的客户端密钥：请在“客户端密钥”选项卡中添加，或改为监听 127.0.0.1。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>&amp;Period:</source>
        <translation>时段(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>In local days. Calls are counted as they are recorded, and stay counted when retention prunes the records or they are cleared.</source>
        <translation>按本地日期计算。调用在记录时计入统计；记录因保留期限被清理或被清空后，统计仍然保留。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file</source>
        <translation>将此表格保存为 CSV 文件</translation>
    </message>
    <message>
        <source>No model calls in this period.</source>
        <translation>此时段内没有模型调用。</translation>
    </message>
    <message>
        <source>The statistics cannot be read: %1</source>
        <translation>无法读取统计数据：%1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln 次调用</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 次失败</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation>费用 %1</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>已将 %Ln 行导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the usage…</source>
        <translation>正在读取用量…</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Open Switchyard</source>
        <translation>打开 Switchyard</translation>
    </message>
    <message>
        <source>Routing mode</source>
        <translation>路由模式</translation>
    </message>
    <message>
        <source>Claude Code pass-through</source>
        <translation>Claude Code 直通</translation>
    </message>
    <message>
        <source>Global priority list</source>
        <translation>全局优先级列表</translation>
    </message>
    <message>
        <source>Smart routing by scene</source>
        <translation>按场景智能路由</translation>
    </message>
    <message>
        <source>Configure Claude Code…</source>
        <translation>配置 Claude Code…</translation>
    </message>
    <message>
        <source>Copy shell setup</source>
        <translation>复制 Shell 设置</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Failing: %1</source>
        <translation>出错：%1</translation>
    </message>
    <message>
        <source>Paused: not accepting calls</source>
        <translation>已暂停：不接受调用</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>未在监听：%1</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>模式：%1</translation>
    </message>
    <message>
        <source>Last route: %1</source>
        <translation>最近路由：%1</translation>
    </message>
    <message>
        <source>Not listening (%1)</source>
        <translation>未在监听（%1）</translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation>还没有调用</translation>
    </message>
    <message>
        <source>Pause proxy</source>
        <translation>暂停代理</translation>
    </message>
    <message>
        <source>Resume proxy</source>
        <translation>恢复代理</translation>
    </message>
    <message>
        <source>Routing mode not changed</source>
        <translation>路由模式未更改</translation>
    </message>
    <message>
        <source>Switchyard cannot listen</source>
        <translation>Switchyard 无法监听</translation>
    </message>
    <message>
        <source>Fallback from %1</source>
        <translation>已从 %1 转移</translation>
    </message>
    <message>
        <source>%1 failed (%2); %3 answered instead.</source>
        <translation>%1 失败（%2）；已由 %3 应答。</translation>
    </message>
    <message>
        <source>%1 is failing</source>
        <translation>%1 出错</translation>
    </message>
    <message>
        <source>Calls to %1 fail (%2).</source>
        <translation>调用 %1 失败（%2）。</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <source>%1 answers again.</source>
        <translation>%1 重新开始应答。</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Tokens (millions)</source>
        <translation>token（百万）</translation>
    </message>
    <message>
        <source>Tokens (thousands)</source>
        <translation>token（千）</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Tokens per day</source>
        <translation>每天的 token</translation>
    </message>
    <message>
        <source>Tokens per model</source>
        <translation>各模型的 token</translation>
    </message>
    <message>
        <source>Tokens per platform</source>
        <translation>各平台的 token</translation>
    </message>
    <message>
        <source>Tokens per client key</source>
        <translation>各客户端密钥的 token</translation>
    </message>
    <message>
        <source>%1 (top %2 of %3)</source>
        <translation>%1（%3 项中的前 %2 项）</translation>
    </message>
    <message>
        <source>Input + cache</source>
        <translation>输入 + 缓存</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>%1
Input + cache: %2 tokens
Output: %3 tokens</source>
        <translation>%1
输入 + 缓存：%2 个 token
输出：%3 个 token</translation>
    </message>
</context>
<context>
    <name>UsageTableModel</name>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>输出 token</translation>
    </message>
    <message>
        <source>Cache read</source>
        <translation>缓存读取</translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation>缓存写入</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Calls whose answer was not a success (2xx), including those the client left</source>
        <translation>应答不是成功（2xx）的调用，包括客户端中途离开的调用</translation>
    </message>
    <message>
        <source>Input tokens not read from or written to the prompt cache</source>
        <translation>未从提示缓存读取、也未写入提示缓存的输入 token</translation>
    </message>
    <message>
        <source>Input tokens read from the prompt cache</source>
        <translation>从提示缓存读取的输入 token</translation>
    </message>
    <message>
        <source>Input tokens written to the prompt cache</source>
        <translation>写入提示缓存的输入 token</translation>
    </message>
    <message>
        <source>At the prices set per model in Platforms, in each platform&apos;s currency; * marks calls without a price</source>
        <translation>按“平台”中为每个模型设置的价格计算，使用各平台的币种；* 表示含有未定价的调用</translation>
    </message>
</context>
<context>
    <name>UsageText</name>
    <message numerus="yes">
        <source>%Ln call(s) had no price, so their cost is not included. Prices are set per model in Platforms.</source>
        <translation>
            <numerusform>%Ln 次调用没有价格，其费用未计入。价格在“平台”中按模型设置。</numerusform>
        </translation>
    </message>
    <message>
        <source>(no client key)</source>
        <translation>（无客户端密钥）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
</context>
</TS>
