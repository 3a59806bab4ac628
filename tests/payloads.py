"""Text a hostile office, a careless officer or a curious leader might type where the app shows it
back: each must be shown as typed, never as a link, image, heading, formula, icon or colour.
Addresses point at a closed local port, so nothing is fetched even if one slipped through."""
LINK = "http://127.0.0.1:9/x"
IMAGE = "http://127.0.0.1:9/i.png"

PAYLOADS = [
    f"[bấm vào đây]({LINK})",
    f"![ảnh]({IMAGE})",
    f'<img src="{IMAGE}">',
    f'<a href="{LINK}">liên kết</a>',
    "<script>alert(1)</script>",
    "# Tiêu đề lớn",
    "$x^2$ và $$\\int_0^1 x$$",
    ":smile: :streamlit: :+1:",
    ":red[chữ đỏ] :blue-background[nền xanh] :small[nhỏ] :help[gợi ý]",
    ":material/home: :material_home:",
    f"trang {LINK} hoặc www.vi-du.vn hoặc a@vi-du.vn",
    "**đậm** _nghiêng_ ~~gạch~~ `mã` &amp; &lt;b&gt;",
    "- mục\n1. mục\n> trích\n---\n| a | b |",
    "10 -> 20 <= 30 -- 40",
]
