// Words that say nothing about what a ticket or a snippet is about, per supported language. Short on purpose:
// function words, and the greetings and courtesy every customer message carries ("hello", "thanks", "regards"),
// which would otherwise make every snippet that greets look relevant. Written folded (no diacritics, lower case),
// as analyze.ts compares them after folding.

export const KNOWLEDGE_LANGUAGES = ['en', 'de', 'sv', 'es', 'fr'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

const LISTS: Record<KnowledgeLanguage, string> = {
  en: `a an the and or but if then than so of in on at to from by for with about into over after before as is are
    was were be been being am do does did done have has had having i me my mine we us our you your yours he him his
    she her it its they them their this that these those there here what which who whom when where why how can
    could would should will shall may might must not no yes just also very too only still already any some all
    hi hello hey dear thanks thank please regards best kind sincerely cheers team get got im ive dont cant`,
  de: `der die das den dem des ein eine einen einem einer eines und oder aber wenn dann als so von vom zu zum zur
    in im an am auf aus bei mit nach fur uber unter um durch ist sind war waren bin bist sein seid gewesen wird
    werden wurde wurden hat habe haben hatte hatten kann konnen konnte muss mussen soll sollte ich mich mir mein
    meine meinen meinem wir uns unser unsere sie ihr ihre ihnen er ihn ihm es dies diese dieser dieses das dass
    was wer wie wo warum wann nicht kein keine ja nein auch noch schon nur sehr bitte danke vielen dank hallo
    guten tag liebe lieber sehr geehrte geehrter gruße grussen freundlichen mfg`,
  sv: `en ett den det de dem denna detta dessa och eller men om sa som av i pa till fran med for utan vid efter
    innan ar var varit vara blir blev bli har hade haft kan kunde ska skulle maste jag mig min mitt mina vi oss var
    vart vara du dig din ditt dina han honom hans hon henne hennes ni er era att inte nej ja ocksa bara redan
    mycket tack hej halsningar vanliga mvh`,
  es: `el la los las un una unos unas y o pero si entonces que de del al a en por para con sin sobre entre es son
    era eran fue fueron ser estar esta estan estoy he ha han habia hay puede pueden podria yo me mi mis mio nos
    nuestro nuestra tu tus te usted ustedes su sus el ella ellos ellas lo le les este esta estos estas ese esa eso
    no ya tambien muy solo aun todavia hola gracias saludos cordiales favor buenos buenas dias tardes estimado
    estimada`,
  fr: `le la les l un une des du de d et ou mais si alors que qui quoi dont au aux a en dans par pour avec sans sur
    sous entre est sont etait etaient ete etre ai as avons avez ont avait peut peuvent pourrait je me moi mon ma
    mes nous notre nos vous votre vos tu te ton ta tes il elle ils elles lui leur leurs se ce cet cette ces ne
    pas plus non oui aussi tres deja encore seulement bonjour merci cordialement salutations madame monsieur
    bonne journee svp`,
};

function stopWordSets(): Record<KnowledgeLanguage, ReadonlySet<string>> {
  const sets = {} as Record<KnowledgeLanguage, ReadonlySet<string>>;
  for (const lang of KNOWLEDGE_LANGUAGES) sets[lang] = new Set(LISTS[lang].split(/\s+/).filter(Boolean));
  return sets;
}

export const STOP_WORDS: Readonly<Record<KnowledgeLanguage, ReadonlySet<string>>> = stopWordSets();

/** For text whose language is unknown: a word that is a stop word in any of them. */
export const ANY_STOP_WORD: ReadonlySet<string> = new Set(
  KNOWLEDGE_LANGUAGES.flatMap((lang) => [...STOP_WORDS[lang]]),
);
