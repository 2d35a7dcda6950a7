'use strict';
// The admin writes the slug box as a headline or name is typed, with URLify
// (admin/js/urlify.js). Its maps spell Greek and Cyrillic their own way
// ("Θεσσαλονίκη" is "8essalonikh", "Київ" "kiyiv"), an Arabic headline as its
// consonants and a Chinese one as its digits alone. The server spells Greek and
// Cyrillic as their readers do, and gives other scripts a dated stand-in with a
// warning (articles/slugs.py), when the box is left empty. So for text mostly in
// letters other than Latin ones, the box is left empty; the rest is URLify's.
// Loaded after urlify.js on the story, writer and source forms, whose slug is
// made on saving when left empty.
{
    const urlify = window.URLify;
    const letter = /\p{L}/gu;
    const latin = /\p{Script=Latin}/gu;

    window.URLify = function(text, maxLength, allowUnicode) {
        const letters = (text.match(letter) || []).length;
        const latinLetters = (text.match(latin) || []).length;
        if (letters > 2 * latinLetters) {
            return '';
        }
        return urlify(text, maxLength, allowUnicode);
    };
    // Django's own, for the tests that compare the server's reading of it.
    window.URLify.django = urlify;
}
