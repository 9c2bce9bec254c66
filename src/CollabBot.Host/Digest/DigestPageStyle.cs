using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Host.Digest;

// The page's only styling, inline and allowed by its hash in the Content-Security-Policy:
// no external resources, no scripts. Narrow screens get one column; wide ones two.
internal static class DigestPageStyle
{
    public const string Css = """
        :root{color-scheme:light;--ink:#1d2433;--muted:#5b6475;--line:#dde2ea;--rise:#1a7f37;--drop:#b42318}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f6f7f9}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}
        h2{font-size:1.15rem;margin:0 0 .5rem}
        h3{font-size:1rem;margin:0;display:flex;justify-content:space-between;gap:.5rem}
        section,article{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem}
        .note,.muted,footer{color:var(--muted);font-size:.9rem}
        .cei-score{font-size:2.75rem;font-weight:700;line-height:1}
        .se{font-size:1.1rem;color:var(--muted);font-weight:400}
        .trend{font-weight:600}
        .trend-rise{color:var(--rise)}
        .trend-drop{color:var(--drop)}
        img{display:block;width:100%;max-width:50rem;height:auto;border-radius:.25rem}
        .dims{display:grid;grid-template-columns:1fr;gap:1rem}
        .dims article{margin:0}
        table{width:100%;border-collapse:collapse;margin-top:.5rem;font-size:.9rem}
        th,td{text-align:left;padding:.35rem .25rem;border-top:1px solid var(--line);vertical-align:top}
        th{color:var(--muted);font-weight:600}
        td:last-child{white-space:nowrap}
        ol{padding-left:1.25rem;margin:0}
        li{margin:.25rem 0}
        @media (min-width:48rem){.dims{grid-template-columns:1fr 1fr}main{padding:2rem}}
        @media (max-width:30rem){main{padding:.5rem}section,article{padding:.75rem}td:last-child{white-space:normal}.cei-score{font-size:2.25rem}}
        """;

    public static readonly string Hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)));

    // Everything the page needs and nothing else; no framing, no forms, no base rewrites.
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; img-src 'self'; style-src '{Hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
