import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FaqAssistant, words, type FaqEntry } from './assistant.js';

const FAQ: FaqEntry[] = [
  { locale: 'th', question: 'ส่งสินค้าไปต่างประเทศใช้เวลากี่วัน', answer: 'ส่งต่างประเทศใช้เวลา 5–10 วันทำการค่ะ' },
  { locale: 'th', question: 'คืนสินค้าได้ไหม', answer: 'คืนสินค้าได้ภายใน 30 วันค่ะ' },
  { locale: 'th', question: 'ชำระเงินด้วยพร้อมเพย์ได้ไหม', answer: 'ได้ค่ะ รองรับพร้อมเพย์' },
  { locale: 'ja', question: '返品はできますか', answer: '商品到着後30日以内なら返品できます。' },
  { locale: 'ja', question: '海外への配送には何日かかりますか', answer: '海外配送は5〜10営業日です。' },
  { locale: 'ja', question: 'コンビニで支払えますか', answer: 'はい、コンビニ払いに対応しています。' },
  { locale: 'zh-CN', question: '可以退货吗', answer: '收货后30天内可以退货。' },
  { locale: 'zh-CN', question: '国际运输需要几天', answer: '国际运输需要5到10个工作日。' },
  { locale: 'en', question: 'How long does international shipping take?', answer: '5–10 business days.' },
  { locale: 'en', question: 'Can I return an item?', answer: 'Yes, within 30 days.' },
];

describe('FaqAssistant', () => {
  const assistant = new FaqAssistant(FAQ);
  it('segments languages written without spaces into words', () => {
    assert.deepEqual(words('ส่งไปต่างประเทศกี่วันคะ', 'th'), ['ส่ง', 'ไป', 'ต่าง', 'ประเทศ', 'กี่', 'วัน']);
    assert.deepEqual(words('返品したいです', 'ja'), ['返品']);
  });
  it('answers in Thai, Japanese, Chinese and English from the FAQ of that language', async () => {
    assert.equal((await assistant.answer('ส่งไปต่างประเทศกี่วันคะ', 'th'))?.text, 'ส่งต่างประเทศใช้เวลา 5–10 วันทำการค่ะ');
    assert.equal((await assistant.answer('คืนสินค้ายังไงครับ', 'th'))?.text, 'คืนสินค้าได้ภายใน 30 วันค่ะ');
    assert.equal((await assistant.answer('返品したいです', 'ja'))?.text, '商品到着後30日以内なら返品できます。');
    assert.equal((await assistant.answer('海外配送は何日？', 'ja'))?.text, '海外配送は5〜10営業日です。');
    assert.equal((await assistant.answer('我想退货', 'zh-CN'))?.text, '收货后30天内可以退货。');
    assert.equal((await assistant.answer('how long is shipping to Japan', 'en'))?.text, '5–10 business days.');
  });
  it('stays silent on questions the FAQ does not cover', async () => {
    assert.equal(await assistant.answer('今日はいい天気', 'ja'), null);
    assert.equal(await assistant.answer('อากาศดีไหม', 'th'), null);
    assert.equal(await assistant.answer('what is the weather', 'en'), null);
    assert.equal(await assistant.answer('bonjour', 'fr'), null, 'no FAQ in that language');
  });
});
