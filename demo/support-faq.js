// The demo store's FAQ for the support bubble's assistant, which answers from it
// while no agent is online (and hands over when one comes).
const FAQ = [
  { locale: 'en', question: 'How long does international shipping take?', answer: 'International orders arrive in 5–10 business days.' },
  { locale: 'en', question: 'Can I return an item?', answer: 'Yes: return any item within 30 days of delivery for a full refund.' },
  { locale: 'en', question: 'Which payment methods do you accept?', answer: 'Cards, wallets and the local methods shown at checkout for your country.' },
  { locale: 'th', question: 'ส่งสินค้าไปต่างประเทศใช้เวลากี่วัน', answer: 'คำสั่งซื้อต่างประเทศจะถึงภายใน 5–10 วันทำการค่ะ' },
  { locale: 'th', question: 'คืนสินค้าได้ไหม', answer: 'คืนสินค้าได้ภายใน 30 วันหลังได้รับสินค้า และได้รับเงินคืนเต็มจำนวนค่ะ' },
  { locale: 'th', question: 'ชำระเงินด้วยพร้อมเพย์ได้ไหม', answer: 'ได้ค่ะ เลือกพร้อมเพย์ได้ในหน้าชำระเงิน' },
  { locale: 'ja', question: '海外への配送には何日かかりますか', answer: '海外へのご注文は5〜10営業日でお届けします。' },
  { locale: 'ja', question: '返品はできますか', answer: '商品到着後30日以内であれば返品・全額返金が可能です。' },
  { locale: 'ja', question: 'コンビニで支払えますか', answer: 'はい、お支払い画面でコンビニ払いを選べます。' },
];

const bubble = document.querySelector('ck-support-bubble');
if (bubble) bubble.faq = FAQ;
